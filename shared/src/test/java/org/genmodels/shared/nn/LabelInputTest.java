package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.tf.Tensors;
import org.genmodels.shared.train.Feeds;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

class LabelInputTest {
  /** Rows of {@code classes} zeros with a one at each label (none for a label out of range). */
  private static float[] oneHot(int classes, int... labels) {
    float[] out = new float[labels.length * classes];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0 && labels[i] < classes) {
        out[i * classes + labels[i]] = 1;
      }
    }
    return out;
  }

  private static float[] run(Session s, LabelInput input, Feeds feeds) {
    try (feeds; Result r = feeds.applyTo(s.runner()).fetch(input.oneHot()).run()) {
      assertEquals(input.classes(), r.get(0).shape().get(1));
      return Tensors.toArray(r.get(0));
    }
  }

  @Test
  void feedsOneHotRows() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      LabelInput input = LabelInput.create(tf, 10);
      assertEquals(10, input.classes());
      assertEquals("labels", input.labels().op().name());
      assertArrayEquals(new long[] {-1, 10}, input.oneHot().shape().asArray());  // unknown dims never equal
      assertArrayEquals(new float[] {
          0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
          1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
          0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, run(s, input, input.feed(3, 0, 9)));
      assertArrayEquals(oneHot(10, 9, 9, 1, 5), run(s, input, input.feed(9, 9, 1, 5)));
      // a raw byte out of range (here 200 and 10) encodes as zeros
      assertArrayEquals(oneHot(10, 200, 2, 10),
          run(s, input, new Feeds().add(input.labels(), Tensors.bytes(new byte[] {(byte) 200, 2, 10}, 3))));
    }
  }

  @Test
  void feedRejectsLabelsOutOfRange() {
    try (Graph g = new Graph()) {
      LabelInput input = LabelInput.create(Ops.create(g), 3);
      assertThrows(IllegalArgumentException.class, () -> input.feed(0, 3));
      assertThrows(IllegalArgumentException.class, () -> input.feed(-1));
    }
  }

  @Test
  void labelBytesAreTheLabelsAtTheIndices() {
    ImageSet set = new ImageSet(4, 1, 1, new byte[4], new byte[] {7, (byte) 200, 1, 4});
    assertArrayEquals(new byte[] {4, 7, 4, (byte) 200}, set.labelBytes(new int[] {3, 0, 3, 1}));
    assertArrayEquals(new byte[0], set.labelBytes(new int[0]));
    assertEquals(200, set.label(1));
  }

  @Test
  void feederFeedsTheBatchLabels() {
    ImageSet set = new ImageSet(5, 1, 1, new byte[5], new byte[] {7, 2, 1, 4, 9});
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      LabelInput input = LabelInput.create(tf, 10);
      assertArrayEquals(oneHot(10, 4, 7, 9), run(s, input, input.feeder().feed(set, new int[] {3, 0, 4})));
      assertArrayEquals(oneHot(10, 2), run(s, input, input.feeder().feed(set, new int[] {1})));
    }
  }
}
