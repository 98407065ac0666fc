package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TruncatedNormalDistribution;
import org.apache.commons.statistics.distribution.UniformContinuousDistribution;
import org.genmodels.shared.testing.Fetch;
import org.genmodels.shared.testing.Ks;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

class InitializerTest {
  @Test
  void fansFollowKeras() {
    // Dense kernel (in, out); Conv2D kernel (kh, kw, in, out): fans scaled by the receptive field
    assertArrayEquals(new double[] {784, 256}, Initializer.fans(Shape.of(784, 256)));
    assertArrayEquals(new double[] {3 * 3 * 16, 3 * 3 * 32}, Initializer.fans(Shape.of(3, 3, 16, 32)));
    assertArrayEquals(new double[] {7, 7}, Initializer.fans(Shape.of(7)));
  }

  @Test
  void sameSeedSameWeightsInAnotherGraph() {
    float[] a = draw(11);
    float[] b = draw(11);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, draw(12)));
  }

  @Test
  void paddleDrawsHeNormalForConvsAndXavierUniformForTransposedConvs() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Seeds seeds = new Seeds(5);
      // Conv2D(32 -> 64, k4): N(0, 2 / (32 * 16)); 40 000 draws pin the variance to ~1 %
      long fanIn = 32 * 4 * 4;
      float[] conv = Fetch.floats(s, WeightInit.PADDLE.kernel(fanIn).create(tf, Shape.of(4, 4, 32, 80), seeds));
      assertMoments(conv, 2.0 / fanIn, 0.03);
      // Conv2DTranspose(64 -> 32, k4), kernel [4, 4, 32, 64]: U(±sqrt(6 / ((32 + 64) * 16))), variance limit² / 3
      float[] up = Fetch.floats(s,
          WeightInit.PADDLE.transposedKernel(32 * 16).create(tf, Shape.of(4, 4, 32, 64), seeds));
      double limit = Math.sqrt(6.0 / ((32 + 64) * 16));
      assertMoments(up, limit * limit / 3, 0.03);
      for (float v : up) {
        assertTrue(Math.abs(v) <= limit, "uniform draw " + v + " beyond the Xavier limit " + limit);
      }
      assertArrayEquals(new float[8], Fetch.floats(s, WeightInit.PADDLE.bias(fanIn).create(tf, Shape.of(8), seeds)));
    }
  }

  /**
   * Kolmogorov–Smirnov distance of 200 704 draws (40 960 for the conv kernel) from the closed form
   * of each scheme, below the 0.1 % critical value.
   */
  @Test
  void drawsFollowTheirClosedForms() {
    Shape dense = Shape.of(784, 256);
    double limit = Math.sqrt(6.0 / (784 + 256));
    double bound = 1 / Math.sqrt(784);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Seeds seeds = new Seeds(9);
      assertKs(Fetch.floats(s, Initializer.glorotUniform().create(tf, dense, seeds)),
          "U(-limit, limit)", UniformContinuousDistribution.of(-limit, limit));
      assertKs(Fetch.floats(s, Initializer.torchDefault(784).create(tf, dense, seeds)),
          "U(-bound, bound)", UniformContinuousDistribution.of(-bound, bound));
      assertKs(Fetch.floats(s, Initializer.truncatedNormal(0.001f).create(tf, dense, seeds)),
          "TruncN(0, 0.001, -0.002, 0.002)", TruncatedNormalDistribution.of(0, 0.001, -0.002, 0.002));
      assertKs(Fetch.floats(s, WeightInit.PADDLE.kernel(4 * 4 * 32).create(tf, Shape.of(4, 4, 32, 80), seeds)),
          "N(0, 2/512)", NormalDistribution.of(0, Math.sqrt(2.0 / (4 * 4 * 32))));
    }
  }

  private static void assertKs(float[] draws, String name, ContinuousDistribution expected) {
    double d = Ks.distance(draws, expected);
    assertTrue(d < Ks.critical(draws.length), "KS distance " + d + " from " + name);
  }

  private static void assertMoments(float[] v, double variance, double relTol) {
    double sum = 0;
    double squares = 0;
    for (float x : v) {
      sum += x;
      squares += (double) x * x;
    }
    double mean = sum / v.length;
    assertEquals(0, mean, 4 * Math.sqrt(variance / v.length), "mean");
    assertEquals(variance, squares / v.length - mean * mean, relTol * variance, "variance");
  }

  private static float[] draw(long seed) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Seeds seeds = new Seeds(seed);
      Initializer.glorotUniform().create(tf, Shape.of(4, 4), seeds); // the counter moves on
      return Fetch.floats(s, Initializer.glorotUniform().create(tf, Shape.of(50, 20), seeds));
    }
  }
}
