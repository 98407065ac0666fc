package org.genmodels.shared.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv;
import org.tensorflow.op.nn.Conv3d;
import org.tensorflow.op.nn.Conv3dBackpropFilter;
import org.tensorflow.op.nn.Conv3dBackpropInput;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A 2-d NHWC transposed conv whose input gradient runs on TensorFlow's generic {@code Conv} op
 * ({@link ConvOp#GENERIC} on a {@link Conv2DTranspose}).
 *
 * <p>Why: TensorFlow's C++ gradient of {@code Conv2DBackpropInput} (the 2-d transposed conv) takes
 * the input's through {@code Conv2D}, which oneDNN runs slowly at stride 2 on an AMD Zen 5 (the
 * CVAE's last transposed conv, 14² × 64 → 28² × 32 at batch 64: 5.9 ms, 140 GFLOP/s), and TF Java
 * refuses a second gradient for an op that has one. The 3-d transposed conv
 * ({@code Conv3DBackpropInputV2}) has none in C++ (Python's is {@code _Conv3DBackpropInputGrad}),
 * so this class builds the 2-d one as a 3-d one of depth 1 (oneDNN's kernels alike: the values were
 * the 2-d op's bit for bit at batch 64, one ulp off in a few entries at batch 10) and registers
 * that op's gradient with TF Java when first used (process-wide, once): Python's, but with the
 * input's through the generic {@code Conv}, which TensorFlow runs as its own contraction over
 * oneDNN's plain SGEMM. The layer's forward and both gradients took 12.7 against 15.7 ms (14², 64
 * → 32) and 3.3 against 4.5 (7², 32 → 64), AMD Zen 5, 2026-12-03.
 *
 * <p>The gradient is general, as the op is: any depth, NDHWC or NCDHW, dilated or not, any type
 * (NCDHW, dilated and non-float32 ones through {@code Conv3D}, as Python does). TF Java cannot
 * register gradients on Windows: there {@link #differentiable()} is false and
 * {@link Conv2DTranspose} keeps the 2-d op. Graph building only; thread-safe.
 */
final class GenericConvTranspose {
  /** Whether the 3-d transposed conv has this class's gradient in this process. */
  private static final boolean DIFFERENTIABLE = registerGradient();

  private GenericConvTranspose() {}

  /**
   * The transposed conv of {@code x} {@code [B, H, W, in]} with {@code kernel}
   * {@code [k, k, out, in]} at {@code strides} (NHWC, the same along H and W) and {@code padding}:
   * {@code [B, outH, outW, out]}, the last three static.
   */
  static Operand<TFloat32> conv2dTranspose(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, List<Long> strides,
      Padding padding, long outH, long outW, long out) {
    Operand<TInt32> sizes = tf.concat(List.of(Losses.firstDimension(tf, x),
        tf.constant(new int[] {1, (int) outH, (int) outW, (int) out})), tf.constant(0));
    Operand<TFloat32> y = Conv3dBackpropInput.create(tf.scope(), sizes, tf.expandDims(kernel, tf.constant(0)),
        tf.expandDims(x, tf.constant(1)), List.of(1L, 1L, strides.get(1), strides.get(2), 1L), padding.attribute());
    return tf.reshape(y, tf.constant(new long[] {-1, outH, outW, out}));
  }

  /**
   * Whether graphs may differentiate the 3-d transposed conv: its gradient is registered (false on
   * Windows, or if something else registered one first).
   */
  static boolean differentiable() {
    return DIFFERENTIABLE;
  }

  private static boolean registerGradient() {
    try {
      return TensorFlow.registerCustomGradient(Conv3dBackpropInput.Inputs.class, GenericConvTranspose::gradient);
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * The gradients of a {@code Conv3DBackpropInputV2}: none for its sizes (zeros), the kernel's,
   * then the input's. Like {@link GenericConv}'s gradient it must not ask an operand for its static
   * shape: TF Java holds the graph's lock while it builds gradients.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<Operand<?>> gradient(Ops tf, Conv3dBackpropInput.Inputs op, List<Output<?>> gradients) {
    Operand dy = gradients.get(0);
    Operand kernel = op.filter;
    Operand x = op.outBackprop;
    List<Long> strides = Arrays.stream(op.strides).boxed().toList();
    // the attribute defaults to five 1s; an empty list would mean the same
    List<Long> dilations = op.dilations.length == 0 ? List.of(1L, 1L, 1L, 1L, 1L)
        : Arrays.stream(op.dilations).boxed().toList();
    boolean undilated = dilations.stream().allMatch(d -> d == 1);
    Operand dKernel = Conv3dBackpropFilter.create(tf.scope(), dy, tf.shape(kernel), x, strides, op.padding,
        Conv3dBackpropFilter.dataFormat(op.dataFormat), Conv3dBackpropFilter.dilations(dilations));
    Operand dx = "NDHWC".equals(op.dataFormat) && undilated && op.T == DataType.DT_FLOAT
        ? Conv.create(tf.scope(), dy, kernel, strides, op.padding, Conv.dataFormat("CHANNELS_LAST"))
        : Conv3d.create(tf.scope(), dy, kernel, strides, op.padding, Conv3d.dataFormat(op.dataFormat),
            Conv3d.dilations(dilations));
    List<Operand<?>> result = new ArrayList<>();
    result.add(tf.zerosLike(op.inputSizes));
    result.add(dKernel);
    result.add(dx);
    return result;
  }
}
