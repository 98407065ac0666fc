package org.genmodels.shared.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A transposed 2-d convolution (the adjoint of {@link Conv2D}'s linear part), as Keras'
 * {@code Conv2DTranspose} and PyTorch's {@code ConvTranspose2d}. Data NHWC: x
 * {@code [B, H, W, in]} → y {@code [B, H', W', out]} with
 * {@code H' = padding.transposedOutput(H, k, stride)} (7 → 14 → 28 at k 4, stride 2,
 * {@code explicit(1)} or {@code SAME}). Kernel {@code [k, k, out, in]} — Keras' layout, and
 * PyTorch's {@code [in, out, k, k]} transposed, no flip — and bias {@code [out]}.
 */
public final class Conv2DTranspose {
  private final String name;
  private final Operand<TFloat32> kernel;
  private final Operand<TFloat32> bias;
  private final long in;
  private final long out;
  private final int size;
  private final int stride;
  private final Padding padding;
  private final Activation activation;

  private Conv2DTranspose(String name, Operand<TFloat32> kernel, Operand<TFloat32> bias, long in, long out,
      int size, int stride, Padding padding, Activation activation) {
    this.name = name;
    this.kernel = kernel;
    this.bias = bias;
    this.in = in;
    this.out = out;
    this.size = size;
    this.stride = stride;
    this.padding = padding;
    this.activation = activation;
  }

  /**
   * A layer with variables {@code name/kernel} and {@code name/bias}. {@code init} gets the fan-in
   * PyTorch uses for a transposed conv, {@code out · k · k}.
   */
  public static Conv2DTranspose create(Ops tf, Parameters params, String name, long in, long out, int size,
      int stride, Padding padding, Activation activation, WeightInit init) {
    long fanIn = out * size * size;
    return create(tf, params, name, in, out, size, stride, padding, activation, init.transposedKernel(fanIn), init.bias(fanIn));
  }

  /** A layer with the given initializers (e.g. weights copied from elsewhere). */
  public static Conv2DTranspose create(Ops tf, Parameters params, String name, long in, long out, int size,
      int stride, Padding padding, Activation activation, Initializer kernelInit, Initializer biasInit) {
    Ops scope = tf.withSubScope(name);
    Operand<TFloat32> kernel = params.trainable(scope, "kernel", Shape.of(size, size, out, in), kernelInit);
    Operand<TFloat32> bias = params.trainable(scope, "bias", Shape.of(out), biasInit);
    return new Conv2DTranspose(name, kernel, bias, in, out, size, stride, padding, activation);
  }

  /** Applies the layer to {@code x} {@code [B, H, W, in]}, whose H and W must be static. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return apply(tf, x, kernel, bias, out);
  }

  /**
   * Applies the layer with {@code kernel} {@code [k, k, outChannels, in]} and {@code bias}
   * {@code [outChannels]} in place of its own (its stride, padding and activation): for weights
   * computed from this layer's, as when a pointwise conv that follows is folded in.
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, Operand<TFloat32> bias,
      long outChannels) {
    Ops scope = tf.withSubScope(name);
    long h = x.shape().get(1);
    long w = x.shape().get(2);
    long outH = outputSize(h);
    long outW = outputSize(w);
    Padding pad = padding.simplified(outH, h, size, stride);
    List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
    Operand<TFloat32> y;
    if (pad instanceof Padding.Explicit e) {
      // not TF's EXPLICIT padding, whose C++ gradients drop explicit_paddings and fail: the full
      // VALID transposed conv, (in − 1)·stride + k, with p rows and columns cut off each side
      long fullH = (h - 1) * stride + size;
      long fullW = (w - 1) * stride + size;
      y = scope.nn.conv2dBackpropInput(sizes(scope, x, fullH, fullW, outChannels), kernel, x, strides,
          Padding.VALID.attribute());
      if (e.p() > 0) {
        y = scope.slice(y, scope.constant(new int[] {0, e.p(), e.p(), 0}),
            scope.constant(new int[] {-1, (int) outH, (int) outW, -1}));
      }
    } else {
      y = scope.nn.conv2dBackpropInput(sizes(scope, x, outH, outW, outChannels), kernel, x, strides, pad.attribute());
    }
    return activation.apply(scope, scope.nn.biasAdd(y, bias));
  }

  /** {@code [B, h, w, out]}, B taken from {@code x}. */
  private static Operand<TInt32> sizes(Ops scope, Operand<TFloat32> x, long h, long w, long out) {
    return scope.concat(List.of(Losses.firstDimension(scope, x),
        scope.constant(new int[] {(int) h, (int) w, (int) out})), scope.constant(0));
  }

  /** The output size along an axis of input size {@code in}. */
  public long outputSize(long in) {
    return padding.transposedOutput(in, size, stride);
  }

  String name() {
    return name;
  }

  long in() {
    return in;
  }

  long out() {
    return out;
  }

  int size() {
    return size;
  }

  Activation activation() {
    return activation;
  }

  public Operand<TFloat32> kernel() {
    return kernel;
  }

  public Operand<TFloat32> bias() {
    return bias;
  }
}
