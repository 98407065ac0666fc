package org.genmodels.shared.train;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.genmodels.shared.tf.GlobalStep;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Adam (Kingma &amp; Ba, 2015) as Keras applies it, built from TF's {@code ApplyAdam} kernel:
 * <pre>
 *   m ← β1·m + (1−β1)·g          v ← β2·v + (1−β2)·g²
 *   var ← var − lr·sqrt(1−β2^t)/(1−β1^t) · m / (sqrt(v) + ε)
 * </pre>
 * with Keras' defaults β1 = 0.9, β2 = 0.999, ε = 1e-7 (ε outside the bias correction of v, as in
 * Keras and TF; PyTorch adds it after correcting v, a difference of order ε).
 *
 * <p>Gradients come from {@code tf.gradients} on the trainable list only, and every gradient is
 * computed before any variable changes: the updates hang on a control-dependency barrier. Without
 * it, TF may update early layers' ref variables while later gradients still read them, and seeded
 * runs stop being reproducible. The slots ({@code m}, {@code v}) and the β powers are variables
 * too, so checkpoints carry the optimizer state; so does the step counter ({@link GlobalStep}),
 * which the step increments last, after every update.
 */
public final class Adam {
  /** Adam's hyper-parameters. */
  public record Settings(float learningRate, float beta1, float beta2, float epsilon) {
    public Settings {
      if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
        throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
      }
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException("betas must lie in [0, 1), got " + beta1 + ", " + beta2);
      }
      if (!(epsilon > 0)) {
        throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
      }
    }

    /** Keras' defaults with the given learning rate. */
    public static Settings keras(float learningRate) {
      return new Settings(learningRate, 0.9f, 0.999f, 1e-7f);
    }
  }

  private Adam() {
  }

  /**
   * Fails when backprop sums three or more gradients into one tensor. TF's {@code AddN} kernel
   * accumulates its inputs starting from whichever input buffer it can reuse at run time, so with
   * three or more the rounding, and with it a seeded run, changes from run to run; a sum of two is
   * the same in either order.
   */
  private static void requireOrderIndependentSums(Ops tf, Set<String> before) {
    Iterator<GraphOperation> ops = ((Graph) tf.scope().env()).operations();
    while (ops.hasNext()) {
      GraphOperation op = ops.next();
      if (op.type().equals("AddN") && op.numInputs() > 2 && !before.contains(op.name())) {
        throw new IllegalStateException("backprop sums " + op.numInputs() + " gradients in " + op.name()
            + ": a tensor feeds " + op.numInputs() + " differentiable consumers, and TF adds three or"
            + " more in a run-dependent order, so seeded training would not be reproducible. Let each"
            + " tensor feed at most two consumers (split wider fan-outs with Fanout.copies).");
      }
    }
  }

  private static Set<String> operationNames(Ops tf) {
    Set<String> names = new HashSet<>();
    ((Graph) tf.scope().env()).operations().forEachRemaining(op -> names.add(op.name()));
    return names;
  }

  /**
   * Builds one training step that lowers {@code loss} by one Adam update of {@code variables}.
   *
   * <p>The step also adds one to the graph's {@link GlobalStep} (creating it if needed), after
   * every variable update, so that what reads the counter during the step (per-step noise) sees
   * the number of steps taken before this one.
   *
   * @return the op to run as the step's target (named {@code adam/train_step})
   */
  public static Op minimize(Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> variables,
      Settings settings) {
    return minimize(tf, loss, variables, settings, PiecewiseConstantDecay.constant(settings.learningRate()));
  }

  /**
   * As {@link #minimize(Ops, Operand, List, Settings)}, with the learning rate of each step taken
   * from {@code schedule} at the {@link GlobalStep} count before the step; {@code settings}' rate
   * must be the schedule's first.
   */
  public static Op minimize(Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> variables,
      Settings settings, PiecewiseConstantDecay schedule) {
    if (schedule.initialRate() != settings.learningRate()) {
      throw new IllegalArgumentException("the schedule starts at " + schedule.initialRate()
          + ", not at the settings' learning rate " + settings.learningRate());
    }
    if (variables.isEmpty()) {
      throw new IllegalArgumentException("no trainable variables");
    }
    Set<String> before = operationNames(tf);
    Gradients grads = tf.withSubScope("gradients").gradients(loss, variables);
    requireOrderIndependentSums(tf, before);
    Variable<TInt64> step = GlobalStep.getOrCreate(tf);
    Ops t = tf.withSubScope("adam");
    Variable<TFloat32> beta1Power = t.withName("beta1_power").variable(t.constant(settings.beta1()));
    Variable<TFloat32> beta2Power = t.withName("beta2_power").variable(t.constant(settings.beta2()));
    // The counter is incremented after every update, so a schedule reads the steps taken before this one.
    Operand<TFloat32> lr = schedule.rate(t, step);
    Operand<TFloat32> beta1 = t.constant(settings.beta1());
    Operand<TFloat32> beta2 = t.constant(settings.beta2());
    Operand<TFloat32> epsilon = t.constant(settings.epsilon());

    List<Op> barrier = new ArrayList<>();
    barrier.add(t.identity(loss));
    for (Output<?> g : grads.dy()) {
      barrier.add(t.identity(g));
    }
    Ops afterGradients = t.withControlDependencies(barrier);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> v = variables.get(i);
      String slot = v.op().name().replace('/', '_');
      // Slots start as zeros of the static shape; reading the variable itself (zerosLike) would
      // depend on the order in which initializers run.
      Operand<TFloat32> zeros = t.zeros(t.constant(v.shape()), TFloat32.class);
      Variable<TFloat32> m = t.withName(slot + "_m").variable(zeros);
      Variable<TFloat32> s = t.withName(slot + "_v").variable(zeros);
      Operand<TFloat32> g = grads.<TFloat32>dy(i);
      updates.add(afterGradients.train.applyAdam(v, m, s, beta1Power, beta2Power, lr, beta1, beta2,
          epsilon, g));
    }
    Ops afterUpdates = t.withControlDependencies(updates);
    Op b1 = afterUpdates.assign(beta1Power, afterUpdates.math.mul(beta1Power, beta1));
    Op b2 = afterUpdates.assign(beta2Power, afterUpdates.math.mul(beta2Power, beta2));
    Ops last = t.withControlDependencies(List.of(b1, b2));
    Op count = last.withName("increment_step").assignAdd(step, last.constant(1L));
    return t.withControlDependencies(List.of(count)).withName("train_step").noOp();
  }
}
