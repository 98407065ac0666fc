package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Two dense ReLU layers, their inputs worked out by hand:
 * <pre>
 *   x  = [[1, −2, 0.5], [2, 0, 0]]
 *   h  = relu(x · w1 + b1),   w1 = [[1, 0], [0.5, 1], [2, −1]], b1 = [−0.75, 0.5]
 *        input [[0.25, −2], [1.25, 0.5]]: nearest 0.25, largest 2
 *   y  = relu(h · w2 · frozen + b2),   w2 = [[4], [3]], frozen = 1, b2 = −1 + 2⁻²⁰
 *        input [[2⁻²⁰], [5.5 + 2⁻²⁰]]: nearest 2⁻²⁰ ≈ 9.5e-7, largest 5.5 + 2⁻²⁰ (all exact in float32)
 * </pre>
 */
class ReluKinksTest {
  @Test
  void eachReluOnTheWayToTheOutputWithTheVariablesBehindItAndHowNearZeroItsInputComes() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
      Operand<TFloat32> w1 = read(tf, "w1", tf.constant(new float[][] {{1, 0}, {0.5f, 1}, {2, -1}}));
      Operand<TFloat32> b1 = read(tf, "b1", tf.constant(new float[] {-0.75f, 0.5f}));
      Operand<TFloat32> w2 = read(tf, "w2", tf.constant(new float[][] {{4}, {3}}));
      Operand<TFloat32> frozen = read(tf, "frozen", tf.constant(1f));
      Operand<TFloat32> b2 = read(tf, "b2", tf.constant(new float[] {-1 + 0x1p-20f}));
      Operand<TFloat32> h = tf.withName("h").nn.relu(tf.math.add(tf.linalg.matMul(x, w1), b1));
      Operand<TFloat32> y = tf.withName("y").nn.relu(tf.math.add(tf.math.mul(tf.linalg.matMul(h, w2), frozen), b2));
      tf.withName("unused").nn.relu(b1);
      // frozen is not asked for, as a caller leaves out what does not train
      ReluKinks relus = ReluKinks.of(tf.math.mul(y, tf.constant(2f)), Set.of("w1", "b1", "w2", "b2"));
      s.initialize();

      assertEquals(2, relus.size(), "the ReLU that the output does not read is not one of them");
      List<ReluKinks.Kink> kinks;
      try (TFloat32 xs = Tensors.floats(new float[] {1, -2, 0.5f, 2, 0, 0}, 2, 3)) {
        kinks = relus.measure(s.runner().feed(x, xs));
      }
      ReluKinks.Kink first = kinks.get(0);
      assertEquals("h", first.relu());
      assertEquals(Set.of("w1", "b1"), first.behind());
      assertEquals(0.25, first.nearest());
      assertEquals(2.0, first.largest());
      assertFalse(first.atTheKink(), "0.25 of 2 is no rounding");

      ReluKinks.Kink second = kinks.get(1);
      assertEquals("y", second.relu());
      assertEquals(Set.of("w1", "b1", "w2", "b2"), second.behind());
      assertEquals(0x1p-20, second.nearest());
      assertEquals(5.5 + 0x1p-20, second.largest());
      assertTrue(second.atTheKink(), "9.5e-7 of 5.5 is within 1e-5 of it");
    }
  }

  /** A variable named {@code name}, initialized to {@code value}, read through an identity. */
  private static Operand<TFloat32> read(Ops tf, String name, Operand<TFloat32> value) {
    Variable<TFloat32> v = tf.withName(name).variable(value);
    return tf.identity(v);
  }
}
