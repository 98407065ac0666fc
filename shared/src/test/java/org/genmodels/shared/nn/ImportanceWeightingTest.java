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
import org.tensorflow.types.TInt32;

class ImportanceWeightingTest {
  @Test
  void logMeanExpOfTheWeights() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      // columns are examples: [log 1, log 3] → log 2; [−1000, −1001] must not underflow
      float[][] logWeights = {{0f, -1000f, 5f}, {(float) Math.log(3), -1001f, 5f}};
      float[] bound = Fetch.floats(s, ImportanceWeighting.bound(tf, tf.constant(logWeights)));
      assertArrayEquals(new float[] {(float) Math.log(2),
          (float) (-1000 + Math.log((1 + Math.exp(-1)) / 2)), 5f}, bound, 1e-4f);
      float[] single = Fetch.floats(s, ImportanceWeighting.bound(tf, tf.constant(new float[][] {{-3f}})));
      assertArrayEquals(new float[] {-3f}, single, 0f);
    }
  }

  /**
   * A model with a known marginal: z ~ N(0, 1), x | z ~ N(z, 1), so p(x) = N(x; 0, 2). With the
   * exact posterior q = N(x/2, 1/2) every weight is p(x), and L_k is exact for every k; with the
   * prior as q, L_k rises towards log p(x) as k grows.
   */
  @Test
  void knownMarginalOfALinearGaussianModel() {
    float x = 1.3f;
    double logMarginal = -0.5 * Math.log(2 * Math.PI * 2) - x * x / 4.0;
    assertEquals(logMarginal, bound(x, x / 2, (float) Math.log(0.5), 1), 1e-5);
    assertEquals(logMarginal, bound(x, x / 2, (float) Math.log(0.5), 50), 1e-5);
    double k1 = bound(x, 0f, 0f, 1);
    double k100k = bound(x, 0f, 0f, 100_000);
    assertEquals(logMarginal, k100k, 0.02);
    assertEquals(true, k1 < logMarginal - 0.05, "a single prior sample is a loose bound: " + k1);
  }

  /** L_k for one observation x with proposal N(qMean, e^qLogVar), computed by the graph helpers. */
  private static double bound(float x, float qMean, float qLogVar, int k) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> mean = tf.constant(new float[][] {{qMean}});
      Operand<TFloat32> logVar = tf.constant(new float[][] {{qLogVar}});
      Operand<TInt32> shape = tf.constant(new int[] {k, 1, 1});
      Operand<TFloat32> z = Gaussian.reparameterize(tf, mean, logVar, Gaussian.standardNormal(tf, shape, new Seeds(3)));
      // log p(x | z) with x | z ~ N(z, 1): the unit Gaussian density of x around z
      Operand<TFloat32> logLikelihood = Gaussian.logDensity(tf, tf.constant(new float[][][] {{{x}}}), z,
          tf.constant(new float[][][] {{{0f}}}));
      Operand<TFloat32> logWeights = tf.math.sub(tf.math.add(logLikelihood, Gaussian.standardLogDensity(tf, z)),
          Gaussian.logDensity(tf, z, mean, logVar));
      return Fetch.scalar(s, ImportanceWeighting.bound(tf, logWeights));
    }
  }
}
