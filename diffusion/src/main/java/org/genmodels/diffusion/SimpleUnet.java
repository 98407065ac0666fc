package org.genmodels.diffusion;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.genmodels.shared.nn.Activation;
import org.genmodels.shared.nn.BatchNorm;
import org.genmodels.shared.nn.Conv2D;
import org.genmodels.shared.nn.Conv2DTranspose;
import org.genmodels.shared.nn.ConvOp;
import org.genmodels.shared.nn.Dense;
import org.genmodels.shared.nn.Fanout;
import org.genmodels.shared.nn.FastPaths;
import org.genmodels.shared.nn.Padding;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.nn.WeightInit;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Seed 004's {@code SimpleUnet} ("a simplified variant of the Unet architecture"; Ronneberger et
 * al. 2015, as DDPM, Ho et al. 2020, uses it to predict the noise), NHWC, widths w_0 … w_n:
 * <pre>
 *   tEmb = relu(Dense(d → d)(sinusoidal_d(t)))
 *   h = conv0(x)                                   Conv k3 p1: C → w_0
 *   down i = 0 … n−1: h = Block(w_i → w_{i+1})(h); keep h        (halves H, W)
 *   up   i = 0 … n−1: h = Block(w_{n−i} → w_{n−i−1}, up)(concat(h, the kept h, last first))  (doubles)
 *   output = Conv k1: w_0 → C
 * </pre>
 * {@link #plainForward} computes exactly that, layer by layer. With {@link FastPaths#ON}, the
 * default ({@link #create}; {@link #with} gives the other form on the same variables),
 * {@link #fastForward} computes the same at less work: conv0 and the first down block's conv1 run
 * as one conv with the composed kernel ({@link UnetBlock#applyAfter}); the first up block, which
 * reads the bottom of the U concatenated with itself, runs without the concatenation
 * ({@link UnetBlock#applyToSelfConcat}); the output layer is folded into the last up block's
 * transposed conv ({@link UnetBlock#applyThen}), which, to a single channel, runs as a MatMul to
 * its taps ({@link Conv2DTranspose}); a conv to a single channel runs as a MatMul
 * ({@link Conv2D}); and in inference each block's batch norms are folded into the convs around
 * them ({@code UnetBlock}). {@link FastPaths} says why each is the same math. Shapes:
 * x {@code [B, S, S, C]}, t {@code int32 [B]} → predicted noise {@code [B, S, S, C]}.
 * One set of weights serves every application; batch norm runs in the {@link BatchNorm.Mode}
 * asked for (training: batch statistics plus moving-average updates, which the caller must run
 * with the training step; inference: moving averages). Graph building only; not thread-safe.
 */
public final class SimpleUnet {
  private final UnetSettings settings;
  private final Dense timeMlp;
  private final Conv2D conv0;
  private final List<UnetBlock> downs;
  private final List<UnetBlock> ups;
  private final Conv2D output;
  private final FastPaths fastPaths;

  private SimpleUnet(UnetSettings settings, Dense timeMlp, Conv2D conv0, List<UnetBlock> downs, List<UnetBlock> ups,
      Conv2D output, FastPaths fastPaths) {
    this.settings = settings;
    this.timeMlp = timeMlp;
    this.conv0 = conv0;
    this.downs = downs;
    this.ups = ups;
    this.output = output;
    this.fastPaths = fastPaths;
  }

  /** Creates the network's variables under {@code unet/}; it computes with {@link FastPaths#ON}. */
  public static SimpleUnet create(Ops tf, Parameters params, UnetSettings s) {
    Ops scope = tf.withSubScope("unet");
    WeightInit init = WeightInit.TORCH;
    int d = s.timeEmbedding();
    List<Integer> w = s.widths();
    Dense timeMlp = Dense.create(scope, params, "time_mlp", d, d, Activation.RELU, init);
    Conv2D conv0 = Conv2D.create(scope, params, "conv0", s.channels(), w.get(0), 3, 1, Padding.explicit(1),
        Activation.LINEAR, init);
    List<UnetBlock> downs = new ArrayList<>();
    for (int i = 0; i < w.size() - 1; i++) {
      downs.add(UnetBlock.create(scope, params, "down" + i, w.get(i), w.get(i + 1), d, false));
    }
    List<UnetBlock> ups = new ArrayList<>();
    for (int i = w.size() - 1; i > 0; i--) {
      ups.add(UnetBlock.create(scope, params, "up" + (w.size() - 1 - i), w.get(i), w.get(i - 1), d, true));
    }
    Conv2D output = Conv2D.create(scope, params, "output", w.get(0), s.channels(), 1, 1, Padding.explicit(0),
        Activation.LINEAR, init);
    return new SimpleUnet(s, timeMlp, conv0, List.copyOf(downs), List.copyOf(ups), output, FastPaths.ON);
  }

  /**
   * This network, its variables shared, computed as the seed writes it ({@link FastPaths#OFF}) or
   * with the fast paths ({@link FastPaths#ON}): the same values and gradients up to float rounding.
   */
  public SimpleUnet with(FastPaths paths) {
    return new SimpleUnet(settings, timeMlp, conv0.with(paths), downs.stream().map(b -> b.with(paths)).toList(),
        ups.stream().map(b -> b.with(paths)).toList(), output.with(paths), paths);
  }

  /**
   * This network, its variables shared, built for a session that runs in {@code p}: the same
   * values, with the forms TensorFlow's bf16 rewrite needs for right gradients
   * ({@link Conv2D#with(Precision)}, {@link Conv2DTranspose#with(Precision)}; the first layer's
   * composed kernel, {@code ConvComposition}). For training graphs: inference needs no gradients.
   */
  public SimpleUnet with(Precision p) {
    return new SimpleUnet(settings, timeMlp, conv0.with(p), downs.stream().map(b -> b.with(p)).toList(),
        ups.stream().map(b -> b.with(p)).toList(), output.with(p), fastPaths);
  }

  /**
   * This network, its variables shared, with its convs and transposed convs built for {@code op}
   * ({@link ConvOp}; the composed first layer keeps its own): {@link ConvOp#forTraining} for the
   * training graph, {@link ConvOp#forInference} for the sampling loop.
   */
  public SimpleUnet with(ConvOp op) {
    return new SimpleUnet(settings, timeMlp, conv0.with(op), downs.stream().map(b -> b.with(op)).toList(),
        ups.stream().map(b -> b.with(op)).toList(), output.with(op), fastPaths);
  }

  /**
   * The predicted noise of {@code x} at timesteps {@code t}. In training mode the batch norms'
   * moving-average updates are added to {@code updates}.
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TInt32> t, BatchNorm.Mode mode,
      List<Op> updates) {
    return fastPaths == FastPaths.ON ? fastForward(tf, x, t, mode, updates) : plainForward(tf, x, t, mode, updates);
  }

  /** Seed 004's {@code SimpleUnet.forward}, layer by layer. */
  private Operand<TFloat32> plainForward(Ops tf, Operand<TFloat32> x, Operand<TInt32> t, BatchNorm.Mode mode,
      List<Op> updates) {
    Ops scope = tf.withSubScope("unet");
    Iterator<Operand<TFloat32>> tEmb = timeEmbedding(scope, t);
    Operand<TFloat32> h = conv0.apply(scope, x);
    Deque<Operand<TFloat32>> residuals = new ArrayDeque<>();
    for (UnetBlock down : downs) {
      h = down.apply(scope, h, tEmb.next(), mode, updates);
      residuals.push(h);
    }
    for (UnetBlock up : ups) {
      Operand<TFloat32> residual = residuals.pop();
      h = up.apply(scope, scope.concat(List.of(h, residual), scope.constant(3)), tEmb.next(), mode, updates);
    }
    return output.apply(scope, h);
  }

  /** {@link #plainForward} with the rewrites of {@link FastPaths}. */
  private Operand<TFloat32> fastForward(Ops tf, Operand<TFloat32> x, Operand<TInt32> t, BatchNorm.Mode mode,
      List<Op> updates) {
    Ops scope = tf.withSubScope("unet");
    Iterator<Operand<TFloat32>> tEmb = timeEmbedding(scope, t);
    Deque<Operand<TFloat32>> residuals = new ArrayDeque<>();
    // conv0 is linear and feeds only the first block: composed with that block's conv1
    Operand<TFloat32> h = downs.get(0).applyAfter(scope, conv0, x, tEmb.next(), mode, updates);
    residuals.push(h);
    for (UnetBlock down : downs.subList(1, downs.size())) {
      h = down.apply(scope, h, tEmb.next(), mode, updates);
      residuals.push(h);
    }
    // the bottom of the U is the first up block's input and its skip: concat(h, h), folded
    residuals.pop();
    UnetBlock last = ups.get(ups.size() - 1);
    h = ups.get(0).applyToSelfConcat(scope, h, tEmb.next(), mode, updates, ups.size() == 1 ? output : null);
    for (UnetBlock up : ups.subList(1, ups.size())) {
      Operand<TFloat32> in = scope.concat(List.of(h, residuals.pop()), scope.constant(3));
      // the output conv folded into the last up block's transposed conv
      h = up == last ? up.applyThen(scope, in, tEmb.next(), mode, updates, output)
          : up.apply(scope, in, tEmb.next(), mode, updates);
    }
    return h;
  }

  /**
   * {@code relu(time_mlp(sinusoidal(t)))} {@code [B, d]}, one copy for each block: a tree of copies
   * keeps backprop's sums at two terms (see {@link Fanout}), in both forms.
   */
  private Iterator<Operand<TFloat32>> timeEmbedding(Ops scope, Operand<TInt32> t) {
    Operand<TFloat32> tEmb = timeMlp.apply(scope, SinusoidalEmbedding.apply(scope, t, settings.timeEmbedding()));
    return Fanout.copies(scope, tEmb, downs.size() + ups.size()).iterator();
  }

  public UnetSettings settings() {
    return settings;
  }

  /** Which form {@link #apply} computes. */
  public FastPaths fastPaths() {
    return fastPaths;
  }
}
