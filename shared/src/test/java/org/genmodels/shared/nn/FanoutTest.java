package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.testing.Fetch;
import org.genmodels.shared.train.Adam;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Adam refuses gradient sums of three or more; fanning out through copies fixes that. */
class FanoutTest {
  /** loss = Σ_i c_i · Σ(w), over n consumers of w's read. */
  private static Operand<TFloat32> loss(Ops tf, List<Operand<TFloat32>> reads) {
    Operand<TFloat32> sum = tf.constant(0f);
    for (int i = 0; i < reads.size(); i++) {
      sum = tf.math.add(sum, tf.math.mul(tf.constant(i + 1f), tf.sum(reads.get(i), tf.constant(0))));
    }
    return sum;
  }

  @Test
  void threeConsumersAreRefusedWithAnExplanation() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Operand<TFloat32> w = p.trainable(tf, "w", Shape.of(2), Initializer.constant(1f));
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> Adam.minimize(tf, loss(tf, List.of(w, w, w)), p.trainableVariables(), Adam.Settings.keras(0.1f)));
      assertTrue(e.getMessage().contains("sums 3 gradients"), e.getMessage());
      assertTrue(e.getMessage().contains("Fanout.copies"), e.getMessage());
    }
  }

  @Test
  void copiesCarryTheValueAndKeepSumsPairwise() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Operand<TFloat32> w = p.trainable(tf, "w", Shape.of(2), Initializer.constant(1f));
      List<Operand<TFloat32>> copies = Fanout.copies(tf, w, 5);
      assertEquals(5, copies.size());
      var step = Adam.minimize(tf, loss(tf, copies), p.trainableVariables(), Adam.Settings.keras(0.1f));
      List<float[]> values = new ArrayList<>();
      for (Operand<TFloat32> c : copies) {
        values.add(Fetch.floats(s, c));
      }
      for (float[] v : values) {
        assertArrayEquals(new float[] {1f, 1f}, v);
      }
      s.run(step);
      // the gradient is 1+2+3+4+5 = 15 per element: Adam's first step moves each by lr
      assertArrayEquals(new float[] {0.9f, 0.9f}, Fetch.floats(s, w), 1e-6f);
    }
  }
}
