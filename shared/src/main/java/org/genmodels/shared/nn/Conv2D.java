package org.genmodels.shared.nn;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A 2-d convolution, {@code y = activation(conv(x, kernel) + bias)}, as Keras' {@code Conv2D} and
 * PyTorch's {@code Conv2d} (both cross-correlate). Data NHWC: x {@code [B, H, W, in]} → y
 * {@code [B, H', W', out]} with {@code H' = padding.convOutput(H, k, stride)}; kernel HWIO
 * {@code [k, k, in, out]} (Keras' layout; PyTorch's {@code [out, in, k, k]} transposed), bias
 * {@code [out]}. Weights are shared by every application, and by the layer's {@link #with views}:
 * with {@link FastPaths#ON} (the default) a conv to a single output channel runs as a MatMul and
 * a tap-summing conv, with {@link FastPaths#OFF} as the one conv it is; built for
 * {@link Precision#BF16} ({@link #with(Precision)}), its one-channel conv goes through
 * {@link OneChannelConv}; viewed {@link #with(ConvOp) with} {@link ConvOp#GENERIC}, a float32
 * layer convolves through TensorFlow's generic {@code Conv} op.
 */
public final class Conv2D extends ConvLayer {
  private final FastPaths fastPaths;
  private final ConvOp convOp;

  private Conv2D(Ops tf, Parameters params, String name, long in, long out, int size, int stride, Padding padding,
      Activation activation, Initializer kernelInit, Initializer biasInit) {
    super(tf, params, name, in, out, size, stride, padding, activation, Shape.of(size, size, in, out), kernelInit,
        biasInit);
    this.fastPaths = FastPaths.ON;
    this.convOp = ConvOp.CONV2D;
  }

  private Conv2D(Conv2D layer, FastPaths fastPaths, ConvOp convOp) {
    super(layer);
    this.fastPaths = fastPaths;
    this.convOp = convOp;
  }

  private Conv2D(Conv2D layer, Precision precision) {
    super(layer, precision);
    this.fastPaths = layer.fastPaths;
    this.convOp = layer.convOp;
  }

  private Conv2D(Conv2D layer, Operand<TFloat32> kernel, Operand<TFloat32> bias) {
    super(layer, kernel, bias);
    this.fastPaths = layer.fastPaths;
    this.convOp = layer.convOp;
  }

  /**
   * A layer with variables {@code name/kernel} and {@code name/bias}, initialised as {@code init}
   * prescribes for a fan-in of {@code in · k · k}.
   */
  public static Conv2D create(Ops tf, Parameters params, String name, long in, long out, int size,
      int stride, Padding padding, Activation activation, WeightInit init) {
    long fanIn = in * size * size;
    return create(tf, params, name, in, out, size, stride, padding, activation, init.kernel(fanIn), init.bias(fanIn));
  }

  /** A layer with the given initializers (e.g. weights copied from elsewhere). */
  public static Conv2D create(Ops tf, Parameters params, String name, long in, long out, int size,
      int stride, Padding padding, Activation activation, Initializer kernelInit, Initializer biasInit) {
    return new Conv2D(tf, params, name, in, out, size, stride, padding, activation, kernelInit, biasInit);
  }

  /** This layer, its variables shared, computed with or without its fast path (see {@link FastPaths}). */
  public Conv2D with(FastPaths paths) {
    return paths == fastPaths ? this : new Conv2D(this, paths, convOp);
  }

  /**
   * This layer, its variables shared, convolving through {@code op} (see {@link ConvOp}): the same
   * values and gradients up to float rounding (the generic conv's gradient is registered with TF
   * Java, which cannot on Windows: {@link ConvOp#forTraining}). A layer also built for
   * {@link Precision#BF16} keeps {@code Conv2D}, which the bf16 rewrite casts.
   */
  public Conv2D with(ConvOp op) {
    return Objects.requireNonNull(op, "op") == convOp ? this : new Conv2D(this, fastPaths, op);
  }

  /**
   * This layer, its variables shared, built for a session that runs in {@code p}. The values are
   * the same; with {@link Precision#BF16} (TensorFlow's bf16 rewrite, {@code Bf16Rewrite}) a conv
   * to one output channel runs through {@link OneChannelConv}, since the rewrite's kernel for its
   * input gradient is wrong on CPUs without AMX. Float32 keeps the one-channel conv, which is
   * faster there (the CVAE's epoch took 3–18 % longer with the guard, AMD Zen 5, 2026-12-02).
   */
  public Conv2D with(Precision p) {
    return Objects.requireNonNull(p, "precision") == precision() ? this : new Conv2D(this, p);
  }

  /**
   * This layer computing with {@code kernel} {@code [k, k, in, out]} and {@code bias}
   * {@code [out]} in place of its variables (its settings and fast paths kept): for weights
   * computed from the variables, as when a following scale is folded into them. Applying the view
   * differentiates through those operands to whatever they are computed from.
   */
  public Conv2D withWeights(Operand<TFloat32> kernel, Operand<TFloat32> bias) {
    return new Conv2D(this, kernel, bias);
  }

  /** Applies the layer to {@code x} {@code [B, H, W, in]}, whose H and W must be static. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return apply(tf, x, kernel());
  }

  /**
   * Applies the layer with {@code kernel} {@code [k, k, in', out]} in place of its own (its bias,
   * stride, padding and activation): for a kernel computed from this layer's, as when an input
   * that repeats its channels folds the kernel's halves into one.
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel) {
    Ops scope = tf.withSubScope(name());
    return finish(scope, convolve(scope, x, kernel), bias());
  }

  /**
   * The convolution alone, without bias and activation, of {@code x} {@code [B, H, W, in']} with
   * {@code kernel} {@code [k, k, in', out]} at this layer's stride and padding: for callers that
   * sum convolutions of parts of an input before {@link #finish}.
   */
  public Operand<TFloat32> convolve(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel) {
    long h = x.shape().get(1);
    long w = x.shape().get(2);
    long in = x.shape().get(3);
    int size = size();
    Padding pad = runPadding(h, w);
    Operand<TFloat32> input = x;
    if (fastPaths == FastPaths.ON && out() == 1 && size > 1 && in > (long) size * size && h >= 0 && w >= 0) {
      // oneDNN is slow at a single output channel (the CVAE's 32 → 1 output conv took longer
      // than its 64 → 32 transposed conv): one MatMul to the k·k taps, then a conv that only adds
      // each tap at its offset; zero padding of the taps is the taps of the zero-padded input
      input = tf.reshape(tf.linalg.matMul(tf.reshape(x, tf.constant(new long[] {-1, in})),
          tf.reshape(tf.linalg.transpose(kernel, tf.constant(new int[] {2, 0, 1, 3})),
              tf.constant(new long[] {in, (long) size * size}))),
          tf.constant(new long[] {-1, h, w, (long) size * size}));
      kernel = tapSums(tf, size);
    }
    if (pad instanceof Padding.Explicit e) {
      // zero padding, then VALID
      Operand<TFloat32> padded = e.p() == 0 ? input : tf.pad(input,
          tf.constant(new int[][] {{0, 0}, {e.p(), e.p()}, {e.p(), e.p()}, {0, 0}}), tf.constant(0f));
      return conv2d(tf, padded, kernel, Padding.VALID);
    }
    return conv2d(tf, input, kernel, pad);
  }

  /** TensorFlow's conv of {@code x} with {@code kernel}, through the op this layer is viewed with. */
  private Operand<TFloat32> conv2d(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, Padding padding) {
    if (convOp == ConvOp.GENERIC && precision() == Precision.FP32) {
      // a kernel computed in a while loop's body has no static shape: its sizes are the layer's
      Shape k = kernel.shape();
      long outChannels = k.numDimensions() == 4 && k.get(3) >= 0 ? k.get(3) : out();
      return GenericConv.conv2d(tf, x, kernel, strides(), padding, size(), outChannels);
    }
    return OneChannelConv.conv2d(tf, x, kernel, strides(), padding.attribute(), precision());
  }

  /** {@code [k, k, k·k, 1]}: 1 where the tap channel is the offset (a, b), i.e. a·k + b. */
  private static Operand<TFloat32> tapSums(Ops tf, int k) {
    int taps = k * k;
    float[] values = new float[taps * taps];
    for (int t = 0; t < taps; t++) {
      values[t * taps + t] = 1;
    }
    return tf.constant(Shape.of(k, k, taps, 1), DataBuffers.of(values));
  }

  /** This layer's bias and activation on a convolution's output {@code [B, H', W', out]}. */
  public Operand<TFloat32> finish(Ops tf, Operand<TFloat32> conv) {
    return finish(tf, conv, bias());
  }

  @Override
  public long outputSize(long in) {
    return padding().convOutput(in, size(), stride());
  }

  @Override
  boolean padsLikeSame(long in) {
    return padding().simplified(in, outputSize(in), size(), stride()) == Padding.SAME;
  }
}
