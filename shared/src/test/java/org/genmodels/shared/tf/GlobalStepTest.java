package org.genmodels.shared.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.genmodels.shared.nn.Initializer;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.train.Adam;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class GlobalStepTest {
  @Test
  void oneCounterAtTheRootThatEveryAdamStepAdvances() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TInt64> counter = GlobalStep.getOrCreate(tf.withSubScope("model"));
      assertEquals(GlobalStep.NAME, counter.op().name());
      Parameters p = new Parameters(new Seeds(1));
      Operand<TFloat32> w = p.trainable(tf, "w", Shape.of(3), Initializer.zeros());
      Op step = Adam.minimize(tf, tf.sum(tf.math.square(w), tf.constant(0)), p.trainableVariables(),
          Adam.Settings.keras(0.1f));
      assertEquals(counter.op().name(), GlobalStep.getOrCreate(tf).op().name());
      assertTrue(GlobalStep.find(g).isPresent());
      assertEquals(0, GlobalStep.value(s, counter));
      for (int i = 0; i < 3; i++) {
        s.run(step);
      }
      assertEquals(3, GlobalStep.value(s, counter));
    }
  }
}
