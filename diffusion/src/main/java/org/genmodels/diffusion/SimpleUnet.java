package org.genmodels.diffusion;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.genmodels.shared.nn.Activation;
import org.genmodels.shared.nn.BatchNorm;
import org.genmodels.shared.nn.Conv2D;
import org.genmodels.shared.nn.Dense;
import org.genmodels.shared.nn.Fanout;
import org.genmodels.shared.nn.Padding;
import org.genmodels.shared.nn.Parameters;
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
 * The first up block concatenates the bottom of the U with itself, as the seed does (computed
 * without the concatenation, see {@link UnetBlock#applyToSelfConcat}); conv0 and the first down
 * block's conv1 run as one conv with the composed kernel ({@link UnetBlock#applyAfter}), and the
 * output layer is folded into the last up block's transposed conv ({@link UnetBlock#withOutput}).
 * All three are the seed's math at less work. Shapes:
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
  /** The last one ends with the output layer. */
  private final List<UnetBlock> ups;

  private SimpleUnet(UnetSettings settings, Dense timeMlp, Conv2D conv0, List<UnetBlock> downs, List<UnetBlock> ups) {
    this.settings = settings;
    this.timeMlp = timeMlp;
    this.conv0 = conv0;
    this.downs = downs;
    this.ups = ups;
  }

  /** Creates the network's variables under {@code unet/}. */
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
    ups.set(ups.size() - 1, ups.get(ups.size() - 1).withOutput(output));
    return new SimpleUnet(s, timeMlp, conv0, List.copyOf(downs), List.copyOf(ups));
  }

  /**
   * The predicted noise of {@code x} at timesteps {@code t}. In training mode the batch norms'
   * moving-average updates are added to {@code updates}.
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TInt32> t, BatchNorm.Mode mode,
      List<Op> updates) {
    Ops scope = tf.withSubScope("unet");
    Operand<TFloat32> tEmb = timeMlp.apply(scope, SinusoidalEmbedding.apply(scope, t, settings.timeEmbedding()));
    // every block reads tEmb: a tree of copies keeps backprop's sums at two terms (see Fanout)
    List<Operand<TFloat32>> tCopies = Fanout.copies(scope, tEmb, downs.size() + ups.size());
    Deque<Operand<TFloat32>> residuals = new ArrayDeque<>();
    // conv0 is linear and feeds only the first block: composed with that block's conv1
    Operand<TFloat32> h = downs.get(0).applyAfter(scope, conv0, x, tCopies.get(0), mode, updates);
    residuals.push(h);
    int k = 1;
    for (UnetBlock down : downs.subList(1, downs.size())) {
      h = down.apply(scope, h, tCopies.get(k++), mode, updates);
      residuals.push(h);
    }
    for (UnetBlock up : ups) {
      Operand<TFloat32> skip = residuals.pop();
      h = skip == h ? up.applyToSelfConcat(scope, h, tCopies.get(k++), mode, updates)
          : up.apply(scope, scope.concat(List.of(h, skip), scope.constant(3)), tCopies.get(k++), mode, updates);
    }
    return h;
  }

  public UnetSettings settings() {
    return settings;
  }
}
