package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.genmodels.shared.nn.Initializer;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.Fetch;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Adam steps against the update rule computed by hand, in double. */
class AdamTest {
  private static final double[] A = {1.0, 0.5, 2.0, 1e-6};
  private static final double[] W0 = {1.0, -2.0, 3.0, 1.0};

  @Test
  void stepsFollowKerasAdam() {
    double[][] expected = byHand(new double[] {0.1, 0.1, 0.1});
    // The last coordinate's gradient, 1e-6, is of the order of ε: Keras' ε (outside the bias
    // correction) moves it by about 0.24·lr, PyTorch's by about 0.9·lr.
    assertEquals(1.0 - 0.1 * 0.0316 / (0.0316 + 0.1), expected[0][3], 1e-3);
    assertSteps(expected, (tf, loss, variables) -> Adam.minimize(tf, loss, variables,
        new Adam.Settings(0.1f, 0.9f, 0.999f, 1e-7f)));
  }

  @Test
  void aScheduleSetsEachStepsRateByTheStepsTakenBeforeIt() {
    // boundary 1: the steps taken before the first two updates are 0 and 1 (rate 0.1), before the third 2 (0.01)
    assertSteps(byHand(new double[] {0.1, 0.1, 0.01}), (tf, loss, variables) -> Adam.minimize(tf, loss, variables,
        Adam.Settings.keras(0.1f), new PiecewiseConstantDecay(new long[] {1}, new float[] {0.1f, 0.01f})));
  }

  /**
   * Keras' Adam (β1 0.9, β2 0.999, ε 1e-7) on 0.5·Σ a·w² from {@link #W0}, in double: w after
   * each step, step t at {@code rates[t − 1]}.
   */
  private static double[][] byHand(double[] rates) {
    double b1 = 0.9;
    double b2 = 0.999;
    double[] w = W0.clone();
    double[] m = new double[4];
    double[] v = new double[4];
    double[][] expected = new double[rates.length][];
    for (int t = 1; t <= rates.length; t++) {
      double lrT = rates[t - 1] * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
      for (int i = 0; i < 4; i++) {
        double g = A[i] * w[i]; // d/dw of 0.5·a·w²
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + 1e-7);
      }
      expected[t - 1] = w.clone();
    }
    return expected;
  }

  /** Builds the same loss in float with the step {@code minimize} makes, runs it and checks w after each run. */
  private static void assertSteps(double[][] expected, StepBuilder minimize) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      float[] w0 = {1f, -2f, 3f, 1f};
      Operand<TFloat32> wRead = p.trainable(tf, "w", Shape.of(4), (t, shape, seeds) -> t.constant(w0));
      float[] a = {1f, 0.5f, 2f, 1e-6f};
      Operand<TFloat32> loss = tf.math.mul(tf.constant(0.5f),
          tf.sum(tf.math.mul(tf.constant(a), tf.math.square(wRead)), tf.constant(0)));
      Op step = minimize.build(tf, loss, p.trainableVariables());
      for (int t = 0; t < expected.length; t++) {
        s.run(step);
        float[] got = Fetch.floats(s, wRead);
        for (int i = 0; i < 4; i++) {
          assertEquals(expected[t][i], got[i], 2e-6 * Math.max(1, Math.abs(expected[t][i])),
              "step " + (t + 1) + " coordinate " + i);
        }
      }
    }
  }

  private interface StepBuilder {
    Op build(Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> variables);
  }

  @Test
  void aScheduleMustStartAtTheSettingsRate() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Operand<TFloat32> w = p.trainable(tf, "w", Shape.of(1), Initializer.constant(5f));
      var e = assertThrows(IllegalArgumentException.class, () -> Adam.minimize(tf, tf.sum(w, tf.constant(0)),
          p.trainableVariables(), Adam.Settings.keras(1e-3f), PiecewiseConstantDecay.constant(1e-2f)));
      assertEquals("the schedule starts at 0.01, not at the settings' learning rate 0.001", e.getMessage());
    }
  }

  @Test
  void kerasDefaults() {
    Adam.Settings s = Adam.Settings.keras(1e-3f);
    assertArrayEquals(new float[] {1e-3f, 0.9f, 0.999f, 1e-7f},
        new float[] {s.learningRate(), s.beta1(), s.beta2(), s.epsilon()});
    assertThrows(IllegalArgumentException.class, () -> Adam.Settings.keras(0f));
    assertThrows(IllegalArgumentException.class, () -> Adam.Settings.keras(Float.NaN));
    assertThrows(IllegalArgumentException.class, () -> new Adam.Settings(1e-3f, 1f, 0.999f, 1e-7f));
  }

  @Test
  void slotsStartAtZeroWhateverTheWeights() {
    // slots start at zero whatever the variable's value: a first step of size ≈ lr
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Operand<TFloat32> w = p.trainable(tf, "w", Shape.of(1), Initializer.constant(5f));
      Op step = Adam.minimize(tf, tf.sum(w, tf.constant(0)), p.trainableVariables(), Adam.Settings.keras(0.01f));
      s.run(step);
      assertEquals(5f - 0.01f, Fetch.scalar(s, w), 1e-6f);
    }
  }
}
