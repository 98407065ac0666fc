package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.genmodels.shared.testing.Fetch;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** The in-graph rate against Keras' rule, listed by hand: a value holds while the step is ≤ its boundary. */
class PiecewiseConstantDecayTest {
  @Test
  void eachValueHoldsUpToAndIncludingItsBoundary() {
    PiecewiseConstantDecay schedule = new PiecewiseConstantDecay(new long[] {2, 5}, new float[] {0.3f, 0.2f, 0.1f});
    long[] steps = {0, 1, 2, 3, 4, 5, 6, 1_000_000};
    float[] expected = {0.3f, 0.3f, 0.3f, 0.2f, 0.2f, 0.2f, 0.1f, 0.1f};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      for (int i = 0; i < steps.length; i++) {
        Operand<TFloat32> rate = schedule.rate(tf, tf.constant(steps[i]));
        assertEquals(expected[i], Fetch.scalar(s, rate), 0f, "step " + steps[i]);
      }
    }
  }

  @Test
  void aConstantIsOneValueForEveryStep() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TInt64> step = tf.constant(123L);
      assertEquals(1e-3f, Fetch.scalar(s, PiecewiseConstantDecay.constant(1e-3f).rate(tf, step)), 0f);
    }
  }

  @Test
  void badSchedulesAreRefusedNamingTheValues() {
    var counts = assertThrows(IllegalArgumentException.class,
        () -> new PiecewiseConstantDecay(new long[] {5}, new float[] {0.1f}));
    assertEquals("a piecewise constant rate needs one value more than boundaries, got 1 values for 1 boundaries",
        counts.getMessage());
    var order = assertThrows(IllegalArgumentException.class,
        () -> new PiecewiseConstantDecay(new long[] {5, 5}, new float[] {0.3f, 0.2f, 0.1f}));
    assertEquals("boundaries must be non-negative and strictly increasing, got [5, 5]", order.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new PiecewiseConstantDecay(new long[] {-1}, new float[] {1, 2}));
    var rate = assertThrows(IllegalArgumentException.class,
        () -> new PiecewiseConstantDecay(new long[] {5}, new float[] {0.1f, Float.NaN}));
    assertEquals("learning rates must be positive numbers, got [0.1, NaN]", rate.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PiecewiseConstantDecay.constant(0f));
  }

  @Test
  void theArraysAreCopiedInAndOut() {
    long[] boundaries = {10};
    float[] values = {0.2f, 0.1f};
    PiecewiseConstantDecay schedule = new PiecewiseConstantDecay(boundaries, values);
    boundaries[0] = 99;
    values[0] = 9f;
    schedule.values()[1] = 7f;
    assertEquals(new PiecewiseConstantDecay(new long[] {10}, new float[] {0.2f, 0.1f}), schedule);
    assertEquals(0.2f, schedule.initialRate());
  }
}
