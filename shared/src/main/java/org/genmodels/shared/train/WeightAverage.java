package org.genmodels.shared.train;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An exponential moving average of a model's trainable weights, kept for sampling as the Keras
 * DDPM example does ({@code ema_weight ← decay · ema_weight + (1 − decay) · weight} after every
 * training step, starting from a copy of the initial weights; Polyak &amp; Juditsky 1992).
 *
 * <p>The averages are variables {@code ema/<weight>_ema}, outside the optimizer's list; checkpoints
 * keep them (and a spare per weight that {@link #swap()} copies through). To
 * use them, {@link #swap()} exchanges every weight with its average — run it, sample, run it
 * again — so that one network serves both and no second copy of the graph is built.
 *
 * <p>Graph building only; the ops it returns are run by the caller: {@link #update()} after each
 * optimizer step, {@link #reset()} once on a fresh model (after the variables' initialization).
 * Not thread-safe: a swapped model must not train.
 */
public final class WeightAverage {
  private static final String SCOPE = "ema";

  private final Op update;
  private final Op swap;
  private final Op reset;

  private WeightAverage(Op update, Op swap, Op reset) {
    this.update = update;
    this.swap = swap;
    this.reset = reset;
  }

  /**
   * Creates the averages of {@code params}' trainable weights; {@code update} runs after
   * {@code step} (a control dependency), so it averages the weights the step wrote.
   *
   * @param decay in (0, 1); Keras' example uses 0.999
   */
  public static WeightAverage create(Ops tf, Parameters params, float decay, Op step) {
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException("the weight average's decay must be in (0, 1), e.g. 0.999, got " + decay);
    }
    List<Parameters.Param> weights = params.all().stream().filter(Parameters.Param::trainable).toList();
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("no trainable weights to average");
    }
    Ops scope = tf.withSubScope(SCOPE);
    Ops afterStep = scope.withControlDependencies(List.of(step));
    List<Op> updates = new ArrayList<>();
    List<Op> resets = new ArrayList<>();
    List<Op> swaps = new ArrayList<>();
    for (Parameters.Param w : weights) {
      String name = localName(w.name());
      // zeros of the static shape: an initializer that read the weight would depend on the order
      // in which initializers run; reset() copies the weights in once they exist
      Variable<TFloat32> average = scope.withName(name).variable(
          scope.zeros(scope.constant(w.shape()), TFloat32.class));
      Operand<TFloat32> current = afterStep.identity(w.variable());
      updates.add(afterStep.assign(average, afterStep.math.add(
          afterStep.math.mul(afterStep.identity(average), afterStep.constant(decay)),
          afterStep.math.mul(current, afterStep.constant(1f - decay)))));
      resets.add(scope.assign(average, scope.identity(w.variable())));
      // three copies in order through a spare: a read of a variable shares its buffer, which an
      // assign overwrites in place, so "read both, then write both" would not swap
      Variable<TFloat32> spare = scope.withName(name + "_swap").variable(
          scope.zeros(scope.constant(w.shape()), TFloat32.class));
      Op saved = scope.assign(spare, scope.identity(w.variable()));
      Ops second = scope.withControlDependencies(List.of(saved));
      Op averaged = second.assign(w.variable(), second.identity(average));
      Ops third = scope.withControlDependencies(List.of(averaged));
      swaps.add(third.assign(average, third.identity(spare)));
    }
    return new WeightAverage(scope.withControlDependencies(updates).withName("update").noOp(),
        scope.withControlDependencies(swaps).withName("swap").noOp(),
        scope.withControlDependencies(resets).withName("reset").noOp());
  }

  /** The name of the average of weight {@code weightName} (in a root scope): {@code ema/<weight>_ema}. */
  public static String averageName(String weightName) {
    return SCOPE + "/" + localName(weightName);
  }

  private static String localName(String weightName) {
    return weightName.replace('/', '_') + "_ema";
  }

  /** Moves every average toward its weight; runs after the training step given at creation. */
  public Op update() {
    return update;
  }

  /** Exchanges every weight with its average; running it twice restores the model. */
  public Op swap() {
    return swap;
  }

  /** Sets every average to its weight: run once on a fresh model. */
  public Op reset() {
    return reset;
  }
}
