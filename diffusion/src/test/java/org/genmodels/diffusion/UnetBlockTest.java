package org.genmodels.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.genmodels.shared.nn.BatchNorm;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.Fetch;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** An up block on a tensor concatenated with itself, computed with the folded kernel, equals the block on the concatenation. */
class UnetBlockTest {
  @Test
  void foldedKernelEqualsTheConcatenation() {
    Random random = new Random(2);
    float[][][][] h = new float[3][4][4][5];
    float[][] t = new float[3][6];
    for (float[][][] image : h) {
      for (float[][] row : image) {
        for (float[] pixel : row) {
          for (int c = 0; c < pixel.length; c++) {
            pixel[c] = (float) random.nextGaussian();
          }
        }
      }
    }
    for (float[] row : t) {
      for (int i = 0; i < row.length; i++) {
        row[i] = (float) random.nextGaussian();
      }
    }
    for (BatchNorm.Mode mode : BatchNorm.Mode.values()) {
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        UnetBlock up = UnetBlock.create(tf, new Parameters(new Seeds(7)), "up", 5, 3, 6, true);
        Operand<TFloat32> x = tf.constant(h);
        Operand<TFloat32> concatenated = up.apply(tf, tf.concat(List.of(x, x), tf.constant(3)), tf.constant(t), mode,
            new ArrayList<>());
        Operand<TFloat32> folded = up.applyToSelfConcat(tf, x, tf.constant(t), mode, new ArrayList<>(), null);
        float[] expected = Fetch.floats(s, concatenated);
        float[] actual = Fetch.floats(s, folded);
        assertEquals(3 * 8 * 8 * 3, actual.length);
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], actual[i], 2e-5 * (1 + Math.abs(expected[i])), mode + " [" + i + "]");
        }
      }
    }
  }
}
