package org.genmodels.shared.nn;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv;
import org.tensorflow.types.TFloat32;

/**
 * A 2-d NHWC convolution as TensorFlow's generic {@code Conv} op ({@link ConvOp#GENERIC}: why, and
 * what it cannot do, is there). The op's shape function leaves H and W unknown where the kernel's
 * shape is unknown (a kernel computed inside a while loop's body), so the output's static shape is
 * stated from the layer's own sizes, as {@code Conv2D}'s would be.
 *
 * <p>TensorFlow has no gradient for {@code Conv}; this class registers one with TF Java when it is
 * first used (process-wide, once): what TensorFlow's {@code Conv2D} gradient builds, the input's
 * through {@code Conv2DBackpropInput} and the kernel's through {@code Conv2DBackpropFilter}, with
 * the op's strides and padding. So the generic conv trains as {@code Conv2D} does, its backward
 * pass the same kernels. TF Java cannot register gradients on Windows: there
 * {@link #differentiable()} is false. Graph building only; thread-safe.
 */
final class GenericConv {
  /** Whether the generic conv has this class's gradient in this process. */
  private static final boolean DIFFERENTIABLE = registerGradient();

  private GenericConv() {}

  /**
   * The conv of {@code x} {@code [B, H, W, in]} (H and W static) with {@code kernel}
   * {@code [size, size, in, out]} at {@code strides} (NHWC, the same along H and W) and
   * {@code padding} ({@link Padding#SAME} or {@link Padding#VALID}): {@code [B, H', W', out]},
   * with H', W' and out static.
   */
  static Operand<TFloat32> conv2d(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, List<Long> strides,
      Padding padding, int size, long out) {
    long h = x.shape().get(1);
    long w = x.shape().get(2);
    if (h < 0 || w < 0) {
      throw new IllegalArgumentException("the generic conv needs the input's H and W, not " + x.shape());
    }
    Operand<TFloat32> y = Conv.create(tf.scope(), x, kernel, strides, padding.attribute(),
        Conv.dataFormat("CHANNELS_LAST"));
    int stride = strides.get(1).intValue();
    // a Reshape, not EnsureShape: it has a gradient
    return tf.reshape(y, tf.constant(new long[] {-1, padding.convOutput(h, size, stride),
        padding.convOutput(w, size, stride), out}));
  }

  /**
   * Whether graphs may differentiate the generic conv: its gradient is registered (false on
   * Windows, or if something else registered one for {@code Conv} first).
   */
  static boolean differentiable() {
    return DIFFERENTIABLE;
  }

  private static boolean registerGradient() {
    try {
      return TensorFlow.registerCustomGradient(Conv.Inputs.class, GenericConv::gradient);
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * The gradients of a conv built by {@link #conv2d}: input, then kernel. It must not ask an
   * operand for its static shape ({@code Output.shape()}, hence not call {@link #conv2d}): TF Java
   * holds the graph's lock while it builds gradients, and the shape query waits on that lock for
   * ever (a probe's custom gradient hung so, its JVM idle, 2026-12-03).
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<Operand<?>> gradient(Ops tf, Conv.Inputs conv, List<Output<?>> gradients) {
    // the op's default dilations are [], none
    boolean undilated = conv.dilations.length == 0 || Arrays.stream(conv.dilations).allMatch(d -> d == 1);
    if (!"CHANNELS_LAST".equals(conv.dataFormat) || conv.strides.length != 4 || conv.groups != 1
        || conv.batchDims != 1 || !undilated || "EXPLICIT".equals(conv.padding)) {
      throw new IllegalArgumentException("the generic conv's gradient is for 2-d NHWC convs with SAME or VALID"
          + " padding, no dilation and one group, as GenericConv builds them; got strides "
          + Arrays.toString(conv.strides) + ", padding " + conv.padding + ", format " + conv.dataFormat
          + ", dilations " + Arrays.toString(conv.dilations) + ", groups " + conv.groups);
    }
    Operand<TFloat32> x = (Operand<TFloat32>) conv.input;
    Operand<TFloat32> kernel = (Operand<TFloat32>) conv.filter;
    Operand<TFloat32> dy = (Operand<TFloat32>) gradients.get(0);
    List<Long> strides = Arrays.stream(conv.strides).boxed().toList();
    Operand<TFloat32> dx = tf.nn.conv2dBackpropInput(tf.shape(x), kernel, dy, strides, conv.padding);
    Operand<TFloat32> dKernel = tf.nn.conv2dBackpropFilter(x, tf.shape(kernel), dy, strides, conv.padding);
    return List.of(dx, dKernel);
  }
}
