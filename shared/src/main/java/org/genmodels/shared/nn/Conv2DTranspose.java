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
public final class Conv2DTranspose extends ConvLayer {
  private Conv2DTranspose(Ops tf, Parameters params, String name, long in, long out, int size, int stride,
      Padding padding, Activation activation, Initializer kernelInit, Initializer biasInit) {
    super(tf, params, name, in, out, size, stride, padding, activation, Shape.of(size, size, out, in), kernelInit,
        biasInit);
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
    Operand<TFloat32> y;
    if (pad instanceof Padding.Explicit e) {
      // the full VALID transposed conv, (in − 1)·stride + k, with p rows and columns cut off each side
      long fullH = (h - 1) * stride + size;
      long fullW = (w - 1) * stride + size;
      y = scope.nn.conv2dBackpropInput(sizes(scope, x, fullH, fullW, outChannels), kernel, x, strides(),
          Padding.VALID.attribute());
      if (e.p() > 0) {
        y = scope.slice(y, scope.constant(new int[] {0, e.p(), e.p(), 0}),
            scope.constant(new int[] {-1, (int) outH, (int) outW, -1}));
      }
    } else {
      y = scope.nn.conv2dBackpropInput(sizes(scope, x, outH, outW, outChannels), kernel, x, strides(), pad.attribute());
    }
    return finish(scope, y, bias);
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
