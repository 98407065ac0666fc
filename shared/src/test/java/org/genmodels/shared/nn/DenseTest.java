package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.genmodels.shared.testing.Fetch;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class DenseTest {
  private static Initializer values(float[][] v) {
    return (tf, shape, seeds) -> tf.constant(v);
  }

  @Test
  void computesReluOfAffineMapByHand() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Dense d = Dense.create(tf, p, "d", 3, 2, Activation.RELU,
          values(new float[][] {{1, -1}, {2, 0.5f}, {-3, 1}}),
          (t, shape, seeds) -> t.constant(new float[] {0.5f, -2}));
      Operand<TFloat32> y = d.apply(tf, tf.constant(new float[][] {{1, 2, 3}, {-1, 0, 2}}));
      // row 1: [1+4-9+0.5, -1+1+3-2] = [-3.5, 1] → relu [0, 1]
      // row 2: [-1+0-6+0.5, 1+0+2-2] = [-6.5, 1] → relu [0, 1]
      assertArrayEquals(new float[] {0, 1, 0, 1}, Fetch.floats(s, y), 1e-6f);
      Dense linear = Dense.create(tf, p, "lin", 3, 2, Activation.LINEAR,
          values(new float[][] {{1, -1}, {2, 0.5f}, {-3, 1}}), Initializer.zeros());
      assertArrayEquals(new float[] {-4, 3, -7, 3},
          Fetch.floats(s, linear.apply(tf, tf.constant(new float[][] {{1, 2, 3}, {-1, 0, 2}}))), 1e-6f);
      assertEquals(List.of("d/kernel", "d/bias", "lin/kernel", "lin/bias"),
          p.all().stream().map(Parameters.Param::name).toList());
      assertEquals(16, p.trainableCount());
    }
  }

  @Test
  void kerasDefaultInitIsGlorotUniformAndZeroBias() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Dense d = Dense.create(tf, new Parameters(new Seeds(5)), "d", 784, 256, Activation.RELU);
      float[] w = Fetch.floats(s, d.kernel());
      double limit = Math.sqrt(6.0 / (784 + 256));
      double sum = 0;
      double sumSq = 0;
      double max = 0;
      for (float v : w) {
        sum += v;
        sumSq += v * v;
        max = Math.max(max, Math.abs(v));
      }
      int n = w.length;
      double mean = sum / n;
      double variance = sumSq / n - mean * mean;
      // U(-a, a): mean 0, variance a²/3; the bounds are reached within a hair
      assertEquals(0, mean, 4 * limit / Math.sqrt(3 * n));
      assertEquals(limit * limit / 3, variance, 0.01 * limit * limit / 3);
      assertEquals(limit, max, 0.001 * limit);
      assertArrayEquals(new float[256], Fetch.floats(s, d.bias()));
    }
  }
}
