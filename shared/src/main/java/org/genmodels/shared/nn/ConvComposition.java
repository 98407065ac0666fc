package org.genmodels.shared.nn;

import java.util.Iterator;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Two convolution layers in a row, the first without activation, computed as one where that is
 * the same math at less work. Both are exact up to float rounding, keep the layers' variables,
 * and give them the gradients the two layers would.
 *
 * <p>{@link #apply}: a linear conv feeding a conv, both stride 1 and size-keeping, is one conv
 * with the composed kernel, {@code k1 + k2 − 1} wide, on the first's input channels. Seed 004's
 * UNet has that at full resolution: {@code conv0} (C → w0, no activation) then the first block's
 * {@code conv1} (w0 → w1), where the w0-channel intermediate and its gradients cost more than
 * anything else at 32 × 32. The composition holds wherever the second conv's window lies inside
 * the image; along a border strip {@code (k2 − 1) / 2} wide, the second's zero padding cuts off
 * the first's output, which the composed kernel would extend (bias included). Those strips are
 * computed as the two convs on the slices of x they read, and the pieces are concatenated; the
 * left and right ones on the transposed slices, as rows: oneDNN's kernels run a conv one pixel
 * wide at a fraction of their speed (the DDPM's composed layer, forward and gradients at batch
 * 128: 26–27 ms against 34–36 with the strips as columns; docs/speed-levers.md).
 *
 * <p>{@link #transposedThenPointwise}: a linear transposed conv followed by a 1 × 1 conv is one
 * transposed conv whose kernel and bias are the first's multiplied by the pointwise weights: the
 * UNet's last up-sampling and its output layer, at 32 channels into C.
 *
 * <p>Graph building only.
 */
public final class ConvComposition {
  private ConvComposition() {}

  /**
   * Whether {@link #apply} takes these two layers: both stride 1 with odd kernels that keep the
   * size, {@code first} linear, {@code first}'s output channels {@code second}'s input channels.
   */
  public static boolean composable(Conv2D first, Conv2D second) {
    return keepsSize(first) && keepsSize(second) && first.activation() == Activation.LINEAR
        && first.out() == second.in();
  }

  /** {@code second.apply(first.apply(x))}; see the class comment for how. */
  public static Operand<TFloat32> apply(Ops tf, Conv2D first, Conv2D second, Operand<TFloat32> x) {
    if (!composable(first, second)) {
      throw new IllegalArgumentException("cannot compose " + first.name() + " and " + second.name()
          + ": both must be stride-1, size-keeping convs with odd kernels, the first linear");
    }
    int k1 = first.size();
    int k2 = second.size();
    int p1 = (k1 - 1) / 2;
    int b = (k2 - 1) / 2;
    long h = x.shape().get(1);
    long w = x.shape().get(2);
    if (h <= 2L * b || w <= 2L * b) {
      // all border, no interior to compose over (or sizes unknown until run time)
      return second.apply(tf, first.apply(tf, x));
    }
    Ops scope = tf.withSubScope(second.name() + "_after_" + first.name());
    // with border strips each weight feeds up to six convs; copies keep backprop's sums at two
    // terms (see Fanout)
    int strips = b == 0 ? 0 : 4;
    Iterator<Operand<TFloat32>> kernel1 = Fanout.copies(scope, first.kernel(), 1 + strips).iterator();
    Iterator<Operand<TFloat32>> bias1 = Fanout.copies(scope, first.bias(), 1 + strips).iterator();
    Iterator<Operand<TFloat32>> kernel2 = Fanout.copies(scope, second.kernel(), 2 + strips).iterator();
    Iterator<Operand<TFloat32>> bias2 = Fanout.copies(scope, second.bias(), 1 + strips).iterator();
    Operand<TFloat32> xp = pad(scope, x, p1, p1, p1, p1);
    // interior: rows and columns [b, H − b), one conv with the composed kernel
    Operand<TFloat32> carried = carriedBias(scope, bias1.next(), kernel2.next());
    Operand<TFloat32> interior = second.finish(scope, conv(scope, xp, composedKernel(scope, kernel1.next(),
        kernel2.next(), k1, second.precision())), scope.math.add(bias2.next(), carried));
    if (b == 0) {
      return withShape(scope, interior, h, w, second.out());
    }
    // the exact path on slices of x: first's output y on the rows or columns a strip reads, then
    // second over y zero-padded where second pads it; top and bottom over the inner columns,
    // left and right over all rows
    long band = 2L * b + k1 - 1;
    Operand<TFloat32> yTop = linear(scope, slice(scope, xp, 0, band, 0, w + 2L * p1), kernel1.next(), bias1.next());
    Operand<TFloat32> yBottom = linear(scope, slice(scope, xp, h - 2L * b, band, 0, w + 2L * p1), kernel1.next(),
        bias1.next());
    Operand<TFloat32> top = second.finish(scope, conv(scope, pad(scope, yTop, b, 0, 0, 0), kernel2.next()),
        bias2.next());
    Operand<TFloat32> bottom = second.finish(scope, conv(scope, pad(scope, yBottom, 0, b, 0, 0), kernel2.next()),
        bias2.next());
    // left and right as rows of the transposed image (H and W swapped, the kernels likewise)
    Operand<TFloat32> yLeft = linear(scope, swapHw(scope, slice(scope, xp, 0, h + 2L * p1, 0, band)),
        swapKernelHw(scope, kernel1.next()), bias1.next());
    Operand<TFloat32> yRight = linear(scope, swapHw(scope, slice(scope, xp, 0, h + 2L * p1, w - 2L * b, band)),
        swapKernelHw(scope, kernel1.next()), bias1.next());
    Operand<TFloat32> left = swapHw(scope, second.finish(scope, conv(scope, pad(scope, yLeft, b, 0, b, b),
        swapKernelHw(scope, kernel2.next())), bias2.next()));
    Operand<TFloat32> right = swapHw(scope, second.finish(scope, conv(scope, pad(scope, yRight, 0, b, b, b),
        swapKernelHw(scope, kernel2.next())), bias2.next()));
    Operand<TFloat32> middle = scope.concat(List.of(top, interior, bottom), scope.constant(1));
    return withShape(scope, scope.concat(List.of(left, middle, right), scope.constant(2)), h, w, second.out());
  }

  /**
   * x with its static shape stated: the VALID convs infer H and W only from a kernel whose shape
   * is known, which a weight fed in at run time (a loop variable when serving) is not.
   */
  private static Operand<TFloat32> withShape(Ops tf, Operand<TFloat32> x, long h, long w, long channels) {
    return tf.reshape(x, tf.constant(new long[] {-1, h, w, channels}));
  }

  /**
   * {@code pointwise.apply(first.apply(x))} for a linear {@code first} and a 1 × 1, stride-1,
   * unpadded {@code pointwise}; shapes as {@code first}'s, with {@code pointwise}'s output channels.
   */
  public static Operand<TFloat32> transposedThenPointwise(Ops tf, Conv2DTranspose first, Conv2D pointwise,
      Operand<TFloat32> x) {
    boolean unpadded = pointwise.padding().equals(Padding.explicit(0)) || pointwise.padding() == Padding.VALID
        || pointwise.padding() == Padding.SAME;
    long channels = first.out();
    if (first.activation() != Activation.LINEAR || pointwise.size() != 1 || pointwise.stride() != 1 || !unpadded
        || pointwise.in() != channels) {
      throw new IllegalArgumentException("cannot fold " + pointwise.name() + " into " + first.name()
          + ": the transposed conv must be linear, the conv 1 × 1, stride 1, unpadded, on its channels");
    }
    Ops scope = tf.withSubScope(pointwise.name() + "_into_" + first.name());
    long k = first.size();
    long in = first.in();
    long out = pointwise.out();
    List<Operand<TFloat32>> weights = Fanout.copies(scope,
        scope.reshape(pointwise.kernel(), scope.constant(new long[] {channels, out})), 2);
    // first's kernel [k, k, channels, in] as rows of channels, times the weights, and back
    Operand<TFloat32> rows = scope.reshape(scope.linalg.transpose(first.kernel(), scope.constant(new int[] {0, 1, 3, 2})),
        scope.constant(new long[] {k * k * in, channels}));
    Operand<TFloat32> folded = scope.linalg.transpose(scope.reshape(scope.linalg.matMul(rows, weights.get(0)),
        scope.constant(new long[] {k, k, in, out})), scope.constant(new int[] {0, 1, 3, 2}));
    Operand<TFloat32> carried = scope.reshape(scope.linalg.matMul(scope.expandDims(first.bias(), scope.constant(0)),
        weights.get(1)), scope.constant(new long[] {-1}));
    Operand<TFloat32> y = first.apply(scope, x, folded, scope.math.add(pointwise.bias(), carried), out);
    return pointwise.activation().apply(scope, y);
  }

  /**
   * The composed kernel {@code [k1 + k2 − 1, k1 + k2 − 1, in, out]} of kernels {@code [k1, k1, in,
   * m]} and {@code [k2, k2, m, out]}: {@code Σ_{a, m} kernel1[a, ·, m] · kernel2[u − a, m, ·]} over
   * the offsets a, itself a VALID conv of kernel2 (out as batch, m as channels, padded by
   * {@code k1 − 1}) with kernel1 flipped; built for {@code precision}: in bf16 that conv, to
   * {@code in} channels, goes through {@link OneChannelConv} when {@code in} is 1 (the DDPM's image).
   */
  static Operand<TFloat32> composedKernel(Ops tf, Operand<TFloat32> kernel1, Operand<TFloat32> kernel2, int k1,
      Precision precision) {
    int e = k1 - 1;
    Operand<TFloat32> secondAsImages = pad(tf, tf.linalg.transpose(kernel2, tf.constant(new int[] {3, 0, 1, 2})),
        e, e, e, e);
    Operand<TFloat32> firstFlipped = tf.reverse(tf.linalg.transpose(kernel1, tf.constant(new int[] {0, 1, 3, 2})),
        tf.constant(new int[] {0, 1}));
    Operand<TFloat32> composed = OneChannelConv.conv2d(tf, secondAsImages, firstFlipped, List.of(1L, 1L, 1L, 1L),
        Padding.VALID.attribute(), precision);
    return tf.linalg.transpose(composed, tf.constant(new int[] {1, 2, 3, 0}));
  }

  /** {@code Σ kernel2 · bias1} {@code [out]}: first's bias as second's interior sees it. */
  static Operand<TFloat32> carriedBias(Ops tf, Operand<TFloat32> bias1, Operand<TFloat32> kernel2) {
    Operand<TFloat32> tapSums = tf.reduceSum(kernel2, tf.constant(new int[] {0, 1}));
    Operand<TFloat32> carried = tf.linalg.matMul(tf.expandDims(bias1, tf.constant(0)), tapSums);
    return tf.reshape(carried, tf.constant(new long[] {-1}));
  }

  private static Operand<TFloat32> linear(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel,
      Operand<TFloat32> bias) {
    return tf.nn.biasAdd(conv(tf, x, kernel), bias);
  }

  private static boolean keepsSize(Conv2D c) {
    int k = c.size();
    return c.stride() == 1 && k % 2 == 1
        && (c.padding().equals(Padding.explicit((k - 1) / 2)) || c.padding() == Padding.SAME);
  }

  private static Operand<TFloat32> conv(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel) {
    return tf.nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), Padding.VALID.attribute());
  }

  private static Operand<TFloat32> pad(Ops tf, Operand<TFloat32> x, int top, int bottom, int left, int right) {
    return tf.pad(x, tf.constant(new int[][] {{0, 0}, {top, bottom}, {left, right}, {0, 0}}), tf.constant(0f));
  }

  /** Images {@code [B, H, W, C]} as {@code [B, W, H, C]}. */
  private static Operand<TFloat32> swapHw(Ops tf, Operand<TFloat32> x) {
    return tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 1, 3}));
  }

  /** A kernel {@code [kh, kw, in, out]} as {@code [kw, kh, in, out]}, for images swapped by {@link #swapHw}. */
  private static Operand<TFloat32> swapKernelHw(Ops tf, Operand<TFloat32> kernel) {
    return tf.linalg.transpose(kernel, tf.constant(new int[] {1, 0, 2, 3}));
  }

  private static Operand<TFloat32> slice(Ops tf, Operand<TFloat32> x, long row, long rows, long col, long cols) {
    return tf.slice(x, tf.constant(new long[] {0, row, col, 0}), tf.constant(new long[] {-1, rows, cols, -1}));
  }
}
