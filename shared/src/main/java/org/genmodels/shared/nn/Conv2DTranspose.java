package org.genmodels.shared.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.Output;
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
 * PyTorch's {@code [in, out, k, k]} transposed, no flip — and bias {@code [out]}. Weights are
 * shared by every application and by the layer's {@link #with views}: with {@link FastPaths#ON}
 * (the default) a transposed conv to a single output channel whose kernel size is a multiple of
 * its stride runs as a MatMul to the k·k taps and a sum of shifted copies of them, with
 * {@link FastPaths#OFF} as the one op it is.
 */
public final class Conv2DTranspose extends ConvLayer {
  private final FastPaths fastPaths;
  private final ConvOp convOp;

  private Conv2DTranspose(Ops tf, Parameters params, String name, long in, long out, int size, int stride,
      Padding padding, Activation activation, Initializer kernelInit, Initializer biasInit) {
    super(tf, params, name, in, out, size, stride, padding, activation, Shape.of(size, size, out, in), kernelInit,
        biasInit);
    this.fastPaths = FastPaths.ON;
    this.convOp = ConvOp.CONV2D;
  }

  private Conv2DTranspose(Conv2DTranspose layer, FastPaths fastPaths, ConvOp convOp) {
    super(layer);
    this.fastPaths = fastPaths;
    this.convOp = convOp;
  }

  private Conv2DTranspose(Conv2DTranspose layer, Precision precision) {
    super(layer, precision);
    this.fastPaths = layer.fastPaths;
    this.convOp = layer.convOp;
  }

  private Conv2DTranspose(Conv2DTranspose layer, Operand<TFloat32> kernel, Operand<TFloat32> bias) {
    super(layer, kernel, bias);
    this.fastPaths = layer.fastPaths;
    this.convOp = layer.convOp;
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
    return new Conv2DTranspose(tf, params, name, in, out, size, stride, padding, activation, kernelInit, biasInit);
  }

  /** This layer, its variables shared, computed with or without its fast path (see {@link FastPaths}). */
  public Conv2DTranspose with(FastPaths paths) {
    return paths == fastPaths ? this : new Conv2DTranspose(this, paths, convOp);
  }

  /**
   * This layer, its variables shared, its transposed conv built for {@code op} (see
   * {@link ConvOp}): with {@link ConvOp#GENERIC} a float32 layer runs it as a 3-d transposed conv
   * of depth 1 (the 2-d op's values, at some batch sizes one ulp off) whose input gradient runs on
   * the generic conv ({@code GenericConvTranspose}); the input gradient then moves by float
   * rounding. Where that gradient cannot be registered (Windows), and in bf16, the layer keeps the
   * 2-d op.
   */
  public Conv2DTranspose with(ConvOp op) {
    return Objects.requireNonNull(op, "op") == convOp ? this : new Conv2DTranspose(this, fastPaths, op);
  }

  /**
   * This layer, its variables shared, built for a session that runs in {@code p}. The values are
   * the same; with {@link Precision#BF16} (TensorFlow's bf16 rewrite, {@code Bf16Rewrite}) the bias
   * is added by {@code Add} rather than {@code BiasAdd}: the rewrite runs {@code BiasAddGrad} in
   * bfloat16, which sums in bfloat16 (the DDPM's last up-sampling at batch 128, 131 072 terms per
   * channel: 6.3× too small, AMD Zen 5, 2026-12-02), while {@code Add}'s gradient is a {@code Sum},
   * which it keeps in float32. Float32 keeps {@code BiasAdd}.
   */
  public Conv2DTranspose with(Precision p) {
    return Objects.requireNonNull(p, "precision") == precision() ? this : new Conv2DTranspose(this, p);
  }

  /**
   * This layer computing with {@code kernel} {@code [k, k, out, in]} and {@code bias} {@code [out]}
   * in place of its variables (its settings and fast paths kept): for weights computed from the
   * variables, as when a scale of its input channels is folded into them. Applying the view
   * differentiates through those operands to whatever they are computed from.
   */
  public Conv2DTranspose withWeights(Operand<TFloat32> kernel, Operand<TFloat32> bias) {
    return new Conv2DTranspose(this, kernel, bias);
  }

  /** Applies the layer to {@code x} {@code [B, H, W, in]}, whose H and W must be static. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return apply(tf, x, kernel(), bias(), out());
  }

  /**
   * Applies the layer with {@code kernel} {@code [k, k, outChannels, in]} and {@code bias}
   * {@code [outChannels]} in place of its own (its stride, padding and activation): for weights
   * computed from this layer's, as when a pointwise conv that follows is folded in.
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, Operand<TFloat32> bias,
      long outChannels) {
    Ops scope = tf.withSubScope(name());
    long h = x.shape().get(1);
    long w = x.shape().get(2);
    long outH = outputSize(h);
    long outW = outputSize(w);
    int size = size();
    int stride = stride();
    Padding pad = runPadding(h, w);
    // the full VALID transposed conv's size, (in − 1)·stride + k, before padding cuts it
    long fullH = (h - 1) * stride + size;
    long fullW = (w - 1) * stride + size;
    Operand<TFloat32> y;
    if (fastPaths == FastPaths.ON && outChannels == 1 && size % stride == 0 && h >= 0 && w >= 0) {
      // oneDNN runs a transposed conv to one channel at a few GFLOP/s (the DDPM's output layer,
      // folded into its last up-sampling, took 2 % of a sampling step): the full VALID output
      // from the taps, then cut as the padding cuts it (SAME: the odd row at the end); int32
      // bounds, as Slice's C++ gradient subtracts them from an int32 shape
      y = scope.slice(fromTaps(scope, x, kernel, h, w),
          scope.constant(new int[] {0, (int) (fullH - outH) / 2, (int) (fullW - outW) / 2, 0}),
          scope.constant(new int[] {-1, (int) outH, (int) outW, -1}));
    } else if (pad instanceof Padding.Explicit e) {
      // the full VALID transposed conv, with p rows and columns cut off each side
      y = transposed(scope, x, kernel, Padding.VALID, fullH, fullW, outChannels);
      if (e.p() > 0) {
        y = scope.slice(y, scope.constant(new int[] {0, e.p(), e.p(), 0}),
            scope.constant(new int[] {-1, (int) outH, (int) outW, -1}));
      }
    } else {
      y = transposed(scope, x, kernel, pad, outH, outW, outChannels);
    }
    if (precision() == Precision.BF16) {
      // Add, not BiasAdd: see with(Precision)
      return activation().apply(scope, scope.math.add(y, bias));
    }
    return finish(scope, y, bias);
  }

  /**
   * The full VALID transposed conv of {@code x} {@code [B, h, w, in]} to one channel,
   * {@code [B, (h − 1)·s + k, (w − 1)·s + k, 1]}, for k = q·s. Input pixel (i, j) adds tap (a, b)
   * of its k·k taps (one MatMul) at (s·i + a, s·j + b); with a = s·qa + ra that is phase (ra, rb)
   * of cell (i + qa, j + qb) of a grid of s × s cells. So each shift (qa, qb) is a block of s·s
   * tap channels padded into place, their sum has the cells' phases as channels, and
   * depth-to-space lays each cell out.
   */
  private Operand<TFloat32> fromTaps(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, long h, long w) {
    int s = stride();
    int k = size();
    int q = k / s;
    // the layer's input channels: inside a while loop captured kernels lose their static shapes
    long in = in();
    // kernel [k, k, 1, in] = [qa, ra, qb, rb, in] → [in, (qa, qb, ra, rb)]: the MatMul's columns
    // grouped by shift, each group in depth-to-space's channel order
    Operand<TFloat32> weights = tf.reshape(tf.linalg.transpose(tf.reshape(kernel,
        tf.constant(new long[] {q, s, q, s, in})), tf.constant(new int[] {4, 0, 2, 1, 3})),
        tf.constant(new long[] {in, (long) k * k}));
    Operand<TFloat32> taps = tf.reshape(tf.linalg.matMul(tf.reshape(x, tf.constant(new long[] {-1, in})), weights),
        tf.constant(new long[] {-1, h, w, (long) k * k}));
    Operand<TFloat32> cells = taps;
    if (q > 1) {
      List<Output<TFloat32>> shifts = tf.split(tf.constant(3), taps, (long) q * q).output();
      List<Operand<TFloat32>> placed = new ArrayList<>();
      for (int qa = 0; qa < q; qa++) {
        for (int qb = 0; qb < q; qb++) {
          placed.add(tf.pad(shifts.get(qa * q + qb),
              tf.constant(new int[][] {{0, 0}, {qa, q - 1 - qa}, {qb, q - 1 - qb}, {0, 0}}), tf.constant(0f)));
        }
      }
      cells = tf.math.addN(placed);
    }
    return s == 1 ? cells : tf.nn.depthToSpace(cells, (long) s);
  }

  /** TensorFlow's transposed conv of {@code x} to {@code [B, h, w, out]}, through the op this layer is built for. */
  private Operand<TFloat32> transposed(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, Padding padding,
      long h, long w, long out) {
    if (convOp == ConvOp.GENERIC && precision() == Precision.FP32 && GenericConvTranspose.differentiable()) {
      return GenericConvTranspose.conv2dTranspose(tf, x, kernel, strides(), padding, h, w, out);
    }
    return tf.nn.conv2dBackpropInput(sizes(tf, x, h, w, out), kernel, x, strides(), padding.attribute());
  }

  /** {@code [B, h, w, out]}, B taken from {@code x}. */
  private static Operand<TInt32> sizes(Ops scope, Operand<TFloat32> x, long h, long w, long out) {
    return scope.concat(List.of(Losses.firstDimension(scope, x),
        scope.constant(new int[] {(int) h, (int) w, (int) out})), scope.constant(0));
  }

  @Override
  public long outputSize(long in) {
    return padding().transposedOutput(in, size(), stride());
  }

  /** Whether the convolution from this layer's output size back to {@code in} pads alike in SAME. */
  @Override
  boolean padsLikeSame(long in) {
    return padding().simplified(outputSize(in), in, size(), stride()) == Padding.SAME;
  }
}
