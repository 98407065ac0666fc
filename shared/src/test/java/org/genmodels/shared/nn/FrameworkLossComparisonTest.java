package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.genmodels.shared.testing.Fetch;
import org.genmodels.shared.train.Adam;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.framework.op.FrameworkOps;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * tensorflow-framework's {@code FrameworkOps.nn.sigmoidCrossEntropyWithLogits} against
 * {@link Losses#bceWithLogits}: why this project keeps its own. The framework builds TF's
 * seven-op form {@code select(x ≥ 0, x, 0) − x·z + log1p(exp(select(x ≥ 0, −x, x)))}; ours is
 * {@code softplus(x) − x·z}. Both are right to a few ulp, loss and gradient, but not bit for bit,
 * so every seeded run would move; and the framework's feeds the logits to four differentiable ops,
 * whose gradients TF sums in a run-dependent order, which {@link Adam#minimize} refuses.
 */
class FrameworkLossComparisonTest {
  private static final int ROWS = 64;
  private static final int COLS = 1024;

  /**
   * Over 2¹⁶ logits (N(0, 4²) and the extremes ±100, ±30, 0) and labels (0, 1 and U[0, 1]) the
   * loss and the gradient of its {@code sum / B} agree within 4 ulp of the logit's size (each form
   * cancels to that absolute error where x·z nearly equals max(x, 0)), both gradients lie within
   * 2 ulp of the closed form {@code (σ(x) − z) / B} computed in double, and a share of the losses
   * and gradients differ in their last bits.
   */
  @Test
  void bothAreRightButNotBitForBit() {
    float[][] x = new float[ROWS][COLS];
    float[][] z = new float[ROWS][COLS];
    fill(x, z);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> logits = tf.constant(x);
      Operand<TFloat32> labels = tf.constant(z);
      Operand<TFloat32> ours = Losses.bceWithLogits(tf, labels, logits);
      Operand<TFloat32> theirs = FrameworkOps.create(tf).nn.sigmoidCrossEntropyWithLogits(labels, logits);
      Gradients dOurs = tf.gradients(Losses.sumPerExample(tf, ours), List.of(logits));
      Gradients dTheirs = tf.gradients(Losses.sumPerExample(tf, theirs), List.of(logits));
      float[] a = Fetch.floats(s, ours);
      float[] b = Fetch.floats(s, theirs);
      float[] da = Fetch.floats(s, dOurs.dy(0));
      float[] db = Fetch.floats(s, dTheirs.dy(0));
      int lossBits = 0;
      int gradientBits = 0;
      for (int k = 0; k < a.length; k++) {
        double logit = x[k / COLS][k % COLS];
        double label = z[k / COLS][k % COLS];
        String at = "logit " + logit + ", label " + label;
        assertTrue(Math.abs(a[k] - b[k]) <= 4 * Math.ulp(Math.max(1f, (float) Math.abs(logit))),
            at + ": loss " + a[k] + " vs " + b[k]);
        // |(σ(x) − z) / B| ≤ 1 / B
        double exact = (1 / (1 + Math.exp(-logit)) - label) / ROWS;
        double tolerance = 2 * Math.ulp(1f) / ROWS;
        assertTrue(Math.abs(da[k] - exact) <= tolerance, at + ": our gradient " + da[k] + " vs " + exact);
        assertTrue(Math.abs(db[k] - exact) <= tolerance, at + ": their gradient " + db[k] + " vs " + exact);
        lossBits += Float.floatToRawIntBits(a[k]) != Float.floatToRawIntBits(b[k]) ? 1 : 0;
        gradientBits += Float.floatToRawIntBits(da[k]) != Float.floatToRawIntBits(db[k]) ? 1 : 0;
      }
      assertTrue(lossBits > a.length / 10, lossBits + " of " + a.length + " losses differ in their bits");
      assertTrue(gradientBits > a.length / 10, gradientBits + " of " + a.length + " gradients differ in their bits");
    }
  }

  @Test
  void adamRefusesTheFrameworksLossAsNotReproducible() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w = tf.variable(tf.constant(new float[][] {{0.5f, -1f, 2f}}));
      Operand<TFloat32> logits = tf.math.mul(w, tf.constant(new float[][] {{1f, 2f, 3f}, {-1f, 0.5f, 4f}}));
      Operand<TFloat32> labels = tf.constant(new float[][] {{0f, 1f, 0.5f}, {1f, 0f, 0.25f}});
      Adam.Settings adam = Adam.Settings.keras(1e-3f);
      Operand<TFloat32> theirs =
          Losses.meanAll(tf, FrameworkOps.create(tf).nn.sigmoidCrossEntropyWithLogits(labels, logits));
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> Adam.minimize(tf, theirs, List.of(w), adam));
      assertTrue(e.getMessage().startsWith("backprop sums 4 gradients"), e.getMessage());
      Operand<TFloat32> ours = Losses.meanAll(tf, Losses.bceWithLogits(tf, labels, logits));
      assertDoesNotThrow(() -> Adam.minimize(tf, ours, List.of(w), adam));
    }
  }

  private static void fill(float[][] x, float[][] z) {
    float[] extremes = {100f, -100f, 30f, -30f, 0f};
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < COLS; j++) {
        x[i][j] = j < extremes.length ? extremes[j] : (float) (4 * r.nextGaussian());
        z[i][j] = i % 4 == 0 ? 0f : i % 4 == 1 ? 1f : (float) r.nextDouble();
      }
    }
  }
}
