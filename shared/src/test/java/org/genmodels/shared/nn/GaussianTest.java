package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.genmodels.shared.testing.Fetch;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class GaussianTest {
  // two examples, three latent dimensions
  private static final float[][] MEAN = {{0f, 1f, -2f}, {0.5f, 0f, 0f}};
  private static final float[][] LOG_VAR = {{0f, (float) Math.log(4), -1f}, {0f, 0f, 2f}};

  /** 0.5·(−log σ² + μ² + σ² − 1), MODELS.md §6. */
  private static double kl(double mu, double logVar) {
    return 0.5 * (-logVar + mu * mu + Math.exp(logVar) - 1);
  }

  @Test
  void klMatchesTheClosedForm() {
    // by hand: 0; 0.5·(4 − ln 4) = 1.3068528; 0.5·(1 + 4 + e^−1 − 1) = 2.1839397
    assertEquals(1.3068528194400546, kl(1, Math.log(4)), 1e-12);
    assertEquals(2.1839397205857212, kl(-2, -1), 1e-12);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> mean = tf.constant(MEAN);
      Operand<TFloat32> logVar = tf.constant(LOG_VAR);
      float[] elementwise = Fetch.floats(s, Gaussian.klToStandardNormal(tf, mean, logVar));
      double sum = 0;
      for (int i = 0; i < 6; i++) {
        double expected = kl(MEAN[i / 3][i % 3], LOG_VAR[i / 3][i % 3]);
        assertEquals(expected, elementwise[i], 1e-6, "element " + i);
        sum += expected;
      }
      assertEquals(sum / 2, Fetch.scalar(s, Gaussian.kl(tf, mean, logVar, Reduction.SUM_PER_EXAMPLE)), 1e-5);
      assertEquals(sum / 6, Fetch.scalar(s, Gaussian.kl(tf, mean, logVar, Reduction.MEAN)), 1e-6);
    }
  }

  @Test
  void reparameterizationShiftsAndScales() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      float[] z = Fetch.floats(s, Gaussian.reparameterize(tf, tf.constant(MEAN), tf.constant(LOG_VAR),
          tf.constant(new float[][] {{1f, 1f, 1f}, {-2f, 0f, 1f}})));
      // mean + exp(logVar / 2) · eps
      assertArrayEquals(new float[] {1f, 3f, (float) (-2 + Math.exp(-0.5)), -1.5f, 0f, (float) Math.E}, z, 1e-6f);
    }
  }

  @Test
  void logDensitiesMatchTheFormula() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      float[][] z = {{0.3f, -1f, 2f}, {0f, 0f, 0f}};
      float[] got = Fetch.floats(s, Gaussian.logDensity(tf, tf.constant(z), tf.constant(MEAN), tf.constant(LOG_VAR)));
      float[] standard = Fetch.floats(s, Gaussian.standardLogDensity(tf, tf.constant(z)));
      for (int b = 0; b < 2; b++) {
        double expected = 0;
        double expectedStandard = 0;
        for (int d = 0; d < 3; d++) {
          double var = Math.exp(LOG_VAR[b][d]);
          double diff = z[b][d] - MEAN[b][d];
          expected += -0.5 * Math.log(2 * Math.PI * var) - diff * diff / (2 * var);
          expectedStandard += -0.5 * Math.log(2 * Math.PI) - z[b][d] * z[b][d] / 2.0;
        }
        assertEquals(expected, got[b], 1e-5);
        assertEquals(expectedStandard, standard[b], 1e-5);
      }
    }
  }
}
