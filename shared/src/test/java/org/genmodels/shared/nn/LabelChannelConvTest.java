package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.genmodels.shared.testing.Fetch;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * {@link LabelChannelConv} against the concatenation it replaces, built from the layers
 * themselves: values, and the gradients of every variable (the label map's included).
 */
class LabelChannelConvTest {
  private static void check(int h, int w, int imageChannels, int classes, int k, int stride, Padding padding,
      float[] oneHot, long seed) {
    Random random = new Random(seed);
    int batch = oneHot.length / classes;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(seed));
      Dense labelMap = Dense.create(tf, p, "label_map", classes, (long) h * w, Activation.LINEAR, WeightInit.TORCH);
      Conv2D conv = Conv2D.create(tf, p, "conv", imageChannels + 1, 3, k, stride, padding, Activation.leakyRelu(0.1f),
          WeightInit.TORCH);
      Operand<TFloat32> x = tf.constant(Shape.of(batch, h, w, imageChannels),
          DataBuffers.of(ConvReference.random(random, batch * h * w * imageChannels)));
      Operand<TFloat32> labels = tf.constant(Shape.of(batch, classes), DataBuffers.of(oneHot));
      Operand<TFloat32> fast = LabelChannelConv.apply(tf, conv, labelMap, x, labels);
      Operand<TFloat32> map = tf.reshape(labelMap.apply(tf, labels), tf.constant(new int[] {-1, h, w, 1}));
      Operand<TFloat32> concatenated = conv.apply(tf, tf.concat(List.of(x, map), tf.constant(3)));
      assertEquals(concatenated.shape(), fast.shape());
      Operand<TFloat32> weights = tf.constant(fast.shape(), DataBuffers.of(ConvReference.random(random,
          (int) fast.shape().size())));
      List<Operand<?>> variables = p.all().stream().<Operand<?>>map(Parameters.Param::variable).toList();
      Gradients fastGrads = tf.gradients(ConvReference.weightedSum(tf, fast, weights), variables);
      Gradients plainGrads = tf.gradients(ConvReference.weightedSum(tf, concatenated, weights), variables);
      ConvReference.set(s, tf, p, p.all().stream().map(v -> ConvReference.random(random, (int) v.shape().size()))
          .toList());
      assertArrayEquals(Fetch.floats(s, concatenated), Fetch.floats(s, fast), 1e-5f, "values");
      for (int i = 0; i < variables.size(); i++) {
        assertArrayEquals(Fetch.floats(s, plainGrads.dy(i)), Fetch.floats(s, fastGrads.dy(i)), 1e-4f,
            p.all().get(i).name());
      }
    }
  }

  @Test
  void theCvaeEncodersFirstConv() {
    // k4 s2 p1 on 8 × 8, one image channel, four images of three classes
    check(8, 8, 1, 3, 4, 2, Padding.explicit(1), new float[] {1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0}, 1);
  }

  @Test
  void softLabelsAndTwoImageChannelsStrideOne() {
    check(5, 6, 2, 2, 3, 1, Padding.explicit(1), new float[] {0.25f, 0.75f, 1, 0, -0.5f, 2}, 2);
  }

  @Test
  void refusesAConvThatDoesNotTakeTheLabelChannel() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Dense labelMap = Dense.create(tf, p, "label_map", 2, 16, Activation.LINEAR, WeightInit.TORCH);
      Conv2D conv = Conv2D.create(tf, p, "conv1", 1, 3, 3, 1, Padding.explicit(1), Activation.LINEAR,
          WeightInit.TORCH);
      Operand<TFloat32> x = tf.zeros(tf.constant(new long[] {1, 4, 4, 1}), TFloat32.class);
      Operand<TFloat32> labels = tf.zeros(tf.constant(new long[] {1, 2}), TFloat32.class);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> LabelChannelConv.apply(tf, conv, labelMap, x, labels));
      assertTrue(e.getMessage().contains("conv1 takes 1 channels"), e.getMessage());
    }
  }
}
