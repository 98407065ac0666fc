package org.genmodels.diffusion;

import java.util.List;
import org.genmodels.shared.nn.Activation;
import org.genmodels.shared.nn.BatchNorm;
import org.genmodels.shared.nn.Conv2D;
import org.genmodels.shared.nn.Conv2DTranspose;
import org.genmodels.shared.nn.ConvComposition;
import org.genmodels.shared.nn.Dense;
import org.genmodels.shared.nn.FastPaths;
import org.genmodels.shared.nn.Padding;
import org.genmodels.shared.nn.Parameters;
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
 * the fast paths, batch norm in inference mode has bnorm1 folded into the convs around it (see
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
    return down != null ? down.apply(scope, h) : up.apply(scope, h);  // transform
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
    return transform(scope, h, null);
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
    return transform(scope, afterConv1(scope, middle, middle.conv1().apply(scope, h, folded), tEmb, mode, updates),
        output);
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
    return transform(scope, afterConv1(scope, middle, middle.conv1().apply(scope, x), tEmb, mode, updates), output);
  }

  /**
   * Everything between conv1 (its output, relu applied) and the transform: bnorm1, plus the time
   * term {@code relu(time_mlp(tEmb))} broadcast over H and W, then conv2 → relu → bnorm2.
   *
   * <p>Folded ({@link #middle}): bnorm1 in inference is {@code a·relu(c) + shift} per channel,
   * with c conv1's pre-activation, so conv2 reads {@code a·relu(c) + shift + time}. With
   * {@code a = sign·|a|} that is {@code sign·(relu(|a|·c) + sign·(shift + time))}, since
   * {@code |a|·relu(c) = relu(|a|·c)} and {@code sign² = 1}. So {@code |a|} scales conv1's kernel
   * and bias, {@code sign} conv2's input channels (a sign leaves zero padding zero), and one add
   * replaces the batch norm's pass and the time term's: at sampling's batch 64 about 3 ms of a
   * ~120-ms step.
   */
  private Operand<TFloat32> afterConv1(Ops scope, Middle middle, Operand<TFloat32> conv1Output,
      Operand<TFloat32> tEmb, BatchNorm.Mode mode, List<Op> updates) {
    Operand<TFloat32> time = timeMlp.apply(scope, tEmb);
    Operand<TFloat32> h = middle.sign() == null
        ? scope.math.add(bnorm1.apply(scope, conv1Output, mode, updates), pixels(scope, time))
        : scope.math.add(conv1Output, pixels(scope, scope.math.mul(middle.sign(),
            scope.math.add(middle.shift(), time))));
    return bnorm2.apply(scope, middle.conv2().apply(scope, h), mode, updates);
  }

  /** {@code [B, C]} as {@code [B, 1, 1, C]}, to broadcast over H and W. */
  private static Operand<TFloat32> pixels(Ops scope, Operand<TFloat32> perChannel) {
    return scope.expandDims(scope.expandDims(perChannel, scope.constant(1)), scope.constant(1));
  }

  /**
   * conv1 and conv2 of one application, and, where bnorm1 is folded into them, what is left of it
   * ({@link #afterConv1}): its sign {@code [C]} (±1; +1 where the scale is 0) and shift {@code [C]},
   * both null where it is not folded.
   */
  private record Middle(Conv2D conv1, Conv2D conv2, Operand<TFloat32> sign, Operand<TFloat32> shift) {
  }

  /** The block's convs as they are, or, in inference with the fast paths, with bnorm1 folded in. */
  private Middle middle(Ops scope, BatchNorm.Mode mode) {
    if (fastPaths == FastPaths.OFF || mode != BatchNorm.Mode.INFERENCE) {
      return new Middle(conv1, conv2, null, null);
    }
    BatchNorm.Affine bn = bnorm1.inferenceAffine(scope);
    // piecewise constant, so its gradient is 0 (and Less has none to build)
    Operand<TFloat32> negative = scope.dtypes.cast(scope.math.less(bn.scale(), scope.constant(0f)), TFloat32.class);
    Operand<TFloat32> sign = scope.stopGradient(scope.math.sub(scope.constant(1f),
        scope.math.mul(scope.constant(2f), negative)));
    Operand<TFloat32> magnitude = scope.math.abs(bn.scale());
    Conv2D scaled1 = conv1.withWeights(scope.math.mul(conv1.kernel(), magnitude),
        scope.math.mul(conv1.bias(), magnitude));
    // conv2's kernel [k, k, C, out]: the sign along its input channels
    Operand<TFloat32> signRows = scope.expandDims(sign, scope.constant(1));
    Conv2D signed2 = conv2.withWeights(scope.math.mul(conv2.kernel(), signRows), conv2.bias());
    return new Middle(scaled1, signed2, sign, bn.shift());
  }

  /** The transform, with a 1 × 1 {@code output} conv folded in when that is not null. */
  private Operand<TFloat32> transform(Ops scope, Operand<TFloat32> h, Conv2D output) {
    if (down != null) {
      return down.apply(scope, h);
    }
    return output == null ? up.apply(scope, h) : ConvComposition.transposedThenPointwise(scope, up, output, h);
  }
}
