package org.genmodels.diffusion;

import java.util.List;
import org.genmodels.shared.nn.Activation;
import org.genmodels.shared.nn.BatchNorm;
import org.genmodels.shared.nn.Conv2D;
import org.genmodels.shared.nn.Conv2DTranspose;
import org.genmodels.shared.nn.ConvOp;
import org.genmodels.shared.nn.ConvComposition;
import org.genmodels.shared.nn.Dense;
import org.genmodels.shared.nn.FastPaths;
import org.genmodels.shared.nn.Padding;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.nn.WeightInit;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Seed 004's {@code Block} (MODELS.md §5), NHWC:
 * <pre>
 *   h = bn1(relu(conv1(x)))                       conv1 k3 p1: in → out (2·in → out going up)
 *   h = h + relu(Dense(tEmb → out)(tEmb))         broadcast over H, W
 *   h = bn2(relu(conv2(h)))                       conv2 k3 p1: out → out
 *   down: Conv k4 s2 p1 (H → H/2)    up: ConvTranspose k4 s2 p1 (H → 2H)
 * </pre>
 * Shapes: x {@code [B, H, W, in]} (going up: {@code [B, H, W, 2·in]}, the skip concatenated),
 * tEmb {@code [B, timeEmbedding]} → {@code [B, H/2, W/2, out]} or {@code [B, 2H, 2W, out]}.
 * {@link #apply} is the block as the seed writes it; {@link #applyAfter},
 * {@link #applyToSelfConcat} and {@link #applyThen} are {@link SimpleUnet}'s fast paths
 * ({@link FastPaths#ON}), each the same math as {@link #apply} on the input it stands for. With
 * the fast paths, batch norm in inference mode is folded into the convs around it (see
 * {@link #afterConv1}). PyTorch's default initialization. Graph building only; not thread-safe.
 */
final class UnetBlock {
  private final String name;
  private final Dense timeMlp;
  private final Conv2D conv1;
  private final Conv2D conv2;
  private final BatchNorm bnorm1;
  private final BatchNorm bnorm2;
  private final Conv2D down;
  private final Conv2DTranspose up;
  private final FastPaths fastPaths;

  private UnetBlock(String name, Dense timeMlp, Conv2D conv1, Conv2D conv2, BatchNorm bnorm1, BatchNorm bnorm2,
      Conv2D down, Conv2DTranspose up, FastPaths fastPaths) {
    this.name = name;
    this.timeMlp = timeMlp;
    this.conv1 = conv1;
    this.conv2 = conv2;
    this.bnorm1 = bnorm1;
    this.bnorm2 = bnorm2;
    this.down = down;
    this.up = up;
    this.fastPaths = fastPaths;
  }

  static UnetBlock create(Ops tf, Parameters params, String name, int in, int out, int timeEmbedding,
      boolean upward) {
    Ops scope = tf.withSubScope(name);
    WeightInit init = WeightInit.TORCH;
    Padding p1 = Padding.explicit(1);
    Dense timeMlp = Dense.create(scope, params, "time_mlp", timeEmbedding, out, Activation.RELU, init);
    Conv2D conv1 = Conv2D.create(scope, params, "conv1", upward ? 2L * in : in, out, 3, 1, p1, Activation.RELU,
        init);
    Conv2D conv2 = Conv2D.create(scope, params, "conv2", out, out, 3, 1, p1, Activation.RELU, init);
    BatchNorm bnorm1 = BatchNorm.create(scope, params, "bnorm1", out);
    BatchNorm bnorm2 = BatchNorm.create(scope, params, "bnorm2", out);
    Conv2D down = upward ? null : Conv2D.create(scope, params, "transform", out, out, 4, 2, p1, Activation.LINEAR,
        init);
    Conv2DTranspose up = upward ? Conv2DTranspose.create(scope, params, "transform", out, out, 4, 2, p1,
        Activation.LINEAR, init) : null;
    return new UnetBlock(name, timeMlp, conv1, conv2, bnorm1, bnorm2, down, up, FastPaths.ON);
  }

  /** This block, its variables shared, with its convs' own fast paths on or off (see {@link Conv2D#with}). */
  UnetBlock with(FastPaths paths) {
    return new UnetBlock(name, timeMlp, conv1.with(paths), conv2.with(paths), bnorm1, bnorm2,
        down == null ? null : down.with(paths), up == null ? null : up.with(paths), paths);
  }

  /** This block, its variables shared, its convs and transposed conv built for {@code op} (see {@link ConvOp}). */
  UnetBlock with(ConvOp op) {
    return new UnetBlock(name, timeMlp, conv1.with(op), conv2.with(op), bnorm1, bnorm2,
        down == null ? null : down.with(op), up == null ? null : up.with(op), fastPaths);
  }

  /** This block, its variables shared, its convs built for {@code p} (see {@link Conv2D#with(Precision)}). */
  UnetBlock with(Precision p) {
    return new UnetBlock(name, timeMlp, conv1.with(p), conv2.with(p), bnorm1, bnorm2,
        down == null ? null : down.with(p), up == null ? null : up.with(p), fastPaths);
  }

  /**
   * The block on {@code x}, as the seed writes it; in training mode the batch norms add their
   * updates to {@code updates}.
   */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> tEmb, BatchNorm.Mode mode,
      List<Op> updates) {
    Ops scope = tf.withSubScope(name);
    Middle middle = middle(scope, mode);
    Operand<TFloat32> h = middle.conv1().apply(scope, x);             // conv1 → relu
    h = afterConv1(scope, middle, h, tEmb, mode, updates);            // → bnorm1, + time term, conv2 → relu → bnorm2
    return transform(scope, middle, h, null);                         // transform
  }

  /**
   * {@code apply(first.apply(x))} for a linear, size-keeping conv {@code first}: its conv1 and
   * {@code first} computed as one conv with the composed kernel (see {@link ConvComposition}),
   * which at the full resolution saves most of the two convs' work.
   */
  Operand<TFloat32> applyAfter(Ops tf, Conv2D first, Operand<TFloat32> x, Operand<TFloat32> tEmb,
      BatchNorm.Mode mode, List<Op> updates) {
    Ops scope = tf.withSubScope(name);
    Middle middle = middle(scope, mode);
    Operand<TFloat32> h = afterConv1(scope, middle, ConvComposition.apply(scope, first, middle.conv1(), x), tEmb,
        mode, updates);
    return transform(scope, middle, h, null);
  }

  /**
   * {@code apply(concat(h, h))} of an up block, followed by {@code output} when that is not null
   * (as {@link #applyThen}), without building the concatenation: conv1 of a tensor that repeats its
   * channels equals conv1 of {@code h} with the kernel's two halves summed, at half the work, and
   * each half's gradient is the summed kernel's. The seed's first up block sees exactly that: the
   * bottom of the U concatenated with itself.
   */
  Operand<TFloat32> applyToSelfConcat(Ops tf, Operand<TFloat32> h, Operand<TFloat32> tEmb, BatchNorm.Mode mode,
      List<Op> updates, Conv2D output) {
    if (up == null) {
      throw new IllegalStateException(name + " is a down block: it reads no concatenation");
    }
    Ops scope = tf.withSubScope(name);
    Middle middle = middle(scope, mode);
    List<Output<TFloat32>> halves = scope.split(scope.constant(2), middle.conv1().kernel(), 2L).output();
    Operand<TFloat32> folded = scope.math.add(halves.get(0), halves.get(1));
    return transform(scope, middle,
        afterConv1(scope, middle, middle.conv1().apply(scope, h, folded), tEmb, mode, updates), output);
  }

  /**
   * {@code output.apply(apply(x))} of an up block and a 1 × 1 conv {@code output}, folded into its
   * linear transposed conv ({@link ConvComposition#transposedThenPointwise}): the UNet's last block
   * and output layer.
   */
  Operand<TFloat32> applyThen(Ops tf, Operand<TFloat32> x, Operand<TFloat32> tEmb, BatchNorm.Mode mode,
      List<Op> updates, Conv2D output) {
    if (up == null) {
      throw new IllegalStateException(name + " is a down block: the output layer follows an up block");
    }
    Ops scope = tf.withSubScope(name);
    Middle middle = middle(scope, mode);
    return transform(scope, middle, afterConv1(scope, middle, middle.conv1().apply(scope, x), tEmb, mode, updates),
        output);
  }

  /**
   * Everything between conv1 (its output, relu applied) and the transform: bnorm1, plus the time
   * term {@code relu(time_mlp(tEmb))} broadcast over H and W, then conv2 → relu → bnorm2.
   *
   * <p>Folded ({@link #middle}): a batch norm in inference after a relu is {@code a·relu(c) + shift}
   * per channel, c the conv's pre-activation; with {@code a = sign·|a|} that is
   * {@code sign·(relu(|a|·c) + sign·shift)}, since {@code |a|·relu(c) = relu(|a|·c)} and
   * {@code sign² = 1}. So {@code |a|} scales the conv's kernel and bias, and {@code sign} the next
   * conv's input channels (a sign leaves zero padding zero). What is left is an add: for bnorm1
   * it joins the time term's add, {@code sign·(shift + time)}; for bnorm2 it is a bias add of
   * {@code sign·shift} before the transform, which cannot take it (its zero padding would need a
   * border correction). oneDNN's batch norm in inference mode is slow on some CPUs (on an AMD
   * Zen 5, a third of a sampling step); the fold leaves none.
   */
  private Operand<TFloat32> afterConv1(Ops scope, Middle middle, Operand<TFloat32> conv1Output,
      Operand<TFloat32> tEmb, BatchNorm.Mode mode, List<Op> updates) {
    Operand<TFloat32> time = timeMlp.apply(scope, tEmb);
    if (middle.folded() == null) {
      Operand<TFloat32> h = scope.math.add(bnorm1.apply(scope, conv1Output, mode, updates), pixels(scope, time));
      return bnorm2.apply(scope, middle.conv2().apply(scope, h), mode, updates);
    }
    Folded f = middle.folded();
    Operand<TFloat32> h = scope.math.add(conv1Output, pixels(scope, scope.math.mul(f.sign1(),
        scope.math.add(f.shift1(), time))));
    return scope.nn.biasAdd(middle.conv2().apply(scope, h), f.signedShift2());
  }

  /** {@code [B, C]} as {@code [B, 1, 1, C]}, to broadcast over H and W. */
  private static Operand<TFloat32> pixels(Ops scope, Operand<TFloat32> perChannel) {
    return scope.expandDims(scope.expandDims(perChannel, scope.constant(1)), scope.constant(1));
  }

  /**
   * One application's convs: as they are, or, in inference with the fast paths, with both batch
   * norms folded into them ({@link #afterConv1}); then {@code folded} holds what is left of them.
   * {@code down} or {@code up} is the transform (the other null).
   */
  private record Middle(Conv2D conv1, Conv2D conv2, Conv2D down, Conv2DTranspose up, Folded folded) {
  }

  /**
   * What is left of the folded batch norms, all {@code [C]}: bnorm1's sign (±1; +1 where its scale
   * is 0) and shift, and bnorm2's shift times its sign.
   */
  private record Folded(Operand<TFloat32> sign1, Operand<TFloat32> shift1, Operand<TFloat32> signedShift2) {
  }

  /** The block's convs as they are, or, in inference with the fast paths, with the batch norms folded in. */
  private Middle middle(Ops scope, BatchNorm.Mode mode) {
    if (fastPaths == FastPaths.OFF || mode != BatchNorm.Mode.INFERENCE) {
      return new Middle(conv1, conv2, down, up, null);
    }
    BatchNorm.Affine bn1 = bnorm1.inferenceAffine(scope);
    BatchNorm.Affine bn2 = bnorm2.inferenceAffine(scope);
    Operand<TFloat32> sign1 = sign(scope, bn1.scale());
    Operand<TFloat32> sign2 = sign(scope, bn2.scale());
    Operand<TFloat32> magnitude1 = scope.math.abs(bn1.scale());
    Operand<TFloat32> magnitude2 = scope.math.abs(bn2.scale());
    Conv2D scaled1 = conv1.withWeights(scope.math.mul(conv1.kernel(), magnitude1),
        scope.math.mul(conv1.bias(), magnitude1));
    // conv2's kernel [k, k, C, C]: bnorm1's sign along its input channels, bnorm2's |a| along its output
    Operand<TFloat32> kernel2 = scope.math.mul(scope.math.mul(conv2.kernel(), column(scope, sign1)), magnitude2);
    Conv2D scaled2 = conv2.withWeights(kernel2, scope.math.mul(conv2.bias(), magnitude2));
    // the transform's input channels: rows of a conv's kernel [k, k, C, out], the last axis of a
    // transposed conv's [k, k, out, C]
    Conv2D signedDown = down == null ? null : down.withWeights(scope.math.mul(down.kernel(), column(scope, sign2)),
        down.bias());
    Conv2DTranspose signedUp = up == null ? null : up.withWeights(scope.math.mul(up.kernel(), sign2), up.bias());
    return new Middle(scaled1, scaled2, signedDown, signedUp,
        new Folded(sign1, bn1.shift(), scope.math.mul(sign2, bn2.shift())));
  }

  /**
   * The sign of {@code scale} {@code [C]}, +1 at 0; piecewise constant, so its gradient is 0 (and
   * Less has none to build).
   */
  private static Operand<TFloat32> sign(Ops scope, Operand<TFloat32> scale) {
    Operand<TFloat32> negative = scope.dtypes.cast(scope.math.less(scale, scope.constant(0f)), TFloat32.class);
    return scope.stopGradient(scope.math.sub(scope.constant(1f), scope.math.mul(scope.constant(2f), negative)));
  }

  /** {@code [C]} as {@code [C, 1]}, to scale a kernel's rows. */
  private static Operand<TFloat32> column(Ops scope, Operand<TFloat32> v) {
    return scope.expandDims(v, scope.constant(1));
  }

  /** The transform, with a 1 × 1 {@code output} conv folded in when that is not null. */
  private Operand<TFloat32> transform(Ops scope, Middle middle, Operand<TFloat32> h, Conv2D output) {
    if (middle.down() != null) {
      return middle.down().apply(scope, h);
    }
    return output == null ? middle.up().apply(scope, h)
        : ConvComposition.transposedThenPointwise(scope, middle.up(), output, h);
  }
}
