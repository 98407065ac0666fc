package org.genmodels.shared.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.nn.LabelInput;
import org.genmodels.shared.train.Feeds;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class BatchedRunnerTest {
  @Test
  void runsRowsInBatchesWithTheirLabels() {
    int[] labels = {2, 0, 1, 1, 2};
    float[] data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      LabelInput label = LabelInput.create(tf, 3);
      // [2·x, one-hot]: 5 values a row
      Operand<TFloat32> y = tf.concat(List.of(tf.math.mul(x, tf.constant(2f)), label.oneHot()), tf.constant(1));
      BatchedRunner runner = new BatchedRunner(s, x, y, new long[] {2}, 2);
      List<String> calls = new ArrayList<>();
      List<Feeds> given = new ArrayList<>();
      float[] out = runner.run(data, 5, (from, n) -> {
        calls.add(from + "+" + n);
        int[] batch = new int[n];
        System.arraycopy(labels, from, batch, 0, n);
        Feeds f = label.feed(batch);
        given.add(f);
        return f;
      });
      assertEquals(List.of("0+2", "2+2", "4+1"), calls);
      float[] expected = new float[5 * 5];
      for (int r = 0; r < 5; r++) {
        expected[5 * r] = 2 * data[2 * r];
        expected[5 * r + 1] = 2 * data[2 * r + 1];
        expected[5 * r + 2 + labels[r]] = 1;
      }
      assertArrayEquals(expected, out);
      // the runner closed the feeds: they feed nothing any more, so the labels are missing
      try (TFloat32 one = Tensors.floats(new float[] {1, 2}, 1, 2)) {
        for (Feeds f : given) {
          assertThrows(RuntimeException.class, () -> {
            try (Result r = f.applyTo(s.runner().feed(x, one)).fetch(y).run()) {
              r.get(0);
            }
          });
        }
      }
      // without extra feeds, on an output that needs none
      BatchedRunner doubling = new BatchedRunner(s, x, tf.math.mul(x, tf.constant(2f)), new long[] {2}, 3);
      float[] doubled = new float[10];
      for (int i = 0; i < 10; i++) {
        doubled[i] = 2 * data[i];
      }
      assertArrayEquals(doubled, doubling.run(data, 5));
      assertArrayEquals(new float[0], doubling.run(new float[0], 0));
      assertThrows(IllegalArgumentException.class, () -> doubling.run(data, 4));
    }
  }
}
