package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.genmodels.shared.testing.Fetch;
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

  private static float[] draw(long seed) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Seeds seeds = new Seeds(seed);
      Initializer.glorotUniform().create(tf, Shape.of(4, 4), seeds); // the counter moves on
      return Fetch.floats(s, Initializer.glorotUniform().create(tf, Shape.of(50, 20), seeds));
    }
  }
}
