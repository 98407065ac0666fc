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

class LossesTest {
  private static final float[][] LOGITS = {{0f, 2f, -3f}, {30f, -30f, 0.5f}};
  private static final float[][] LABELS = {{0.5f, 1f, 0f}, {1f, 0.25f, 0.9f}};

  /** −[z·log σ(x) + (1 − z)·log(1 − σ(x))], in double, straight from the definition. */
  private static double bce(double x, double z) {
    double p = 1 / (1 + Math.exp(-x));
    double logP = x > 20 ? -Math.exp(-x) : Math.log(p);
    double log1mP = x < -20 ? -Math.exp(x) : Math.log1p(-p);
    return -(z * logP + (1 - z) * log1mP);
  }

  @Test
  void elementwiseBceMatchesTheDefinition() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      float[] got = Fetch.floats(s, Losses.bceWithLogits(tf, tf.constant(LABELS), tf.constant(LOGITS)));
      float[] expected = new float[6];
      for (int i = 0; i < 6; i++) {
        expected[i] = (float) bce(LOGITS[i / 3][i % 3], LABELS[i / 3][i % 3]);
      }
      // e.g. x = 0: ln 2; x = 30, z = 1: e^-30; x = −30, z = 0.25: 0.75·30
      assertEquals(Math.log(2), expected[0], 1e-7);
      assertArrayEquals(expected, got, 2e-6f);
    }
  }

  @Test
  void theSeedsTwoReductions() {
    double sum = 0;
    for (int i = 0; i < 6; i++) {
      sum += bce(LOGITS[i / 3][i % 3], LABELS[i / 3][i % 3]);
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> labels = tf.constant(LABELS);
      Operand<TFloat32> logits = tf.constant(LOGITS);
      assertEquals(sum / 6, Fetch.scalar(s, Losses.bceMean(tf, labels, logits)), 1e-5);
      assertEquals(sum / 2, Fetch.scalar(s, Losses.bceSumPerExample(tf, labels, logits)), 1e-5);
    }
  }
}
