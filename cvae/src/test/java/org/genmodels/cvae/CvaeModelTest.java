package org.genmodels.cvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.tf.Tensors;
import org.genmodels.shared.train.Feeds;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The graph of seed 002: its layer sizes, its shapes, and its loss against a Java computation. */
class CvaeModelTest {
  private static final CvaeSettings CONDITIONAL = CvaeSettings.defaults();

  @Test
  void parameterCountsAreThoseOfTheSeedsLayers() {
    // label map 10·784+784, conv1 2·32·16+32, conv2 32·64·16+64, mean and logvar 2·(3136·2+2),
    // fc 12·1568+1568, deconv1 32·64·16+64, deconv2 64·32·16+32, conv_out 32·9+1
    assertEquals(8624 + 1056 + 32832 + 12548 + 20384 + 32832 + 32800 + 289, count(CONDITIONAL));
    // without labels: conv1 1·32·16+32 and fc 2·1568+1568
    assertEquals(544 + 32832 + 12548 + 4704 + 32832 + 32800 + 289,
        count(CONDITIONAL.toBuilder().conditional(false).build()));
  }

  private static long count(CvaeSettings s) {
    try (Graph g = new Graph()) {
      return CvaeModel.build(Ops.create(g), s, new Seeds(1)).params().trainableCount();
    }
  }

  @Test
  void convolutionsMap28To14To7AndBackTo28() {
    try (Graph g = new Graph()) {
      CvaeModel.build(Ops.create(g), CONDITIONAL, new Seeds(1));
      Map<String, String> shapes = new TreeMap<>();
      g.operations().forEachRemaining(op -> {
        GraphOperation o = (GraphOperation) op;
        // batch-sized ones: the label channel's convs run on the ten class maps
        // the transposed convs of a float32 training graph: the 3-d op, depth 1 (ConvOp.forTraining)
        if ((o.type().equals("Conv2D") || o.type().equals("Conv3DBackpropInputV2")) && !o.name().startsWith("gradients")
            && !o.name().contains("_2/") && o.output(0).shape().get(0) == -1) {
          shapes.put(o.name().replaceAll("_1/.*", ""), o.output(0).shape().toString());
        }
      });
      assertEquals("[-1, 14, 14, 32]", shapes.get("encoder/conv1"), shapes.toString());
      assertEquals("[-1, 7, 7, 64]", shapes.get("encoder/conv2"), shapes.toString());
      assertEquals("[-1, 1, 14, 14, 64]", shapes.get("decoder/deconv1"), shapes.toString());
      assertEquals("[-1, 1, 28, 28, 32]", shapes.get("decoder/deconv2"), shapes.toString());
      assertEquals("[-1, 28, 28, 1]", shapes.get("decoder/conv_out"), shapes.toString());
    }
  }

  @Test
  void lossIsSquaredErrorPerImagePlusKlPerImage() {
    int b = 6;
    int latent = 2;
    ImageSet images = TestData.mnist().train().head(b);
    float[] epsValues = new float[b * latent];
    Random random = new Random(3);
    for (int i = 0; i < epsValues.length; i++) {
      epsValues[i] = (float) random.nextGaussian();
    }
    try (Graph g = new Graph(); Session session = new Session(g)) {
      CvaeModel m = CvaeModel.build(Ops.create(g), CONDITIONAL, new Seeds(7));
      int[] all = {0, 1, 2, 3, 4, 5};
      try (Feeds feeds = m.input().feeder().and(m.labels().feeder()).feed(images, all);
           TFloat32 eps = Tensors.floats(epsValues, b, latent);
           Result r = feeds.applyTo(session.runner()).feed(m.eps(), eps).fetch(m.zMean()).fetch(m.zLogVar())
               .fetch(m.z()).fetch(m.reconstruction()).fetch(m.reconstructionLoss()).fetch(m.klLoss())
               .fetch(m.loss()).run()) {
        float[] mean = Tensors.toArray(r.get(0));
        float[] logVar = Tensors.toArray(r.get(1));
        float[] z = Tensors.toArray(r.get(2));
        float[] y = Tensors.toArray(r.get(3));
        float[] x = images.pixels(all, PixelRange.SYMMETRIC);
        assertEquals(b * 28 * 28, y.length);
        double rec = 0;
        for (int i = 0; i < x.length; i++) {
          rec += (x[i] - y[i]) * (double) (x[i] - y[i]);
          assertTrue(y[i] >= -1 && y[i] <= 1, "tanh output");
        }
        double kl = 0;
        for (int i = 0; i < mean.length; i++) {
          assertEquals(mean[i] + Math.exp(0.5 * logVar[i]) * epsValues[i], z[i], 1e-5);
          kl += -0.5 * (1 + logVar[i] - mean[i] * mean[i] - Math.exp(logVar[i]));
        }
        assertEquals(rec / b, ((TFloat32) r.get(4)).getFloat(), 1e-4 * rec / b);
        assertEquals(kl / b, ((TFloat32) r.get(5)).getFloat(), 1e-5 + 1e-5 * kl / b);
        assertEquals((rec + kl) / b, ((TFloat32) r.get(6)).getFloat(), 1e-4 * rec / b);
      }
    }
  }

  @Test
  void generationIsSeededAndDependsOnTheLabel() {
    try (Cvae cvae = Cvae.create(CONDITIONAL)) {
      float[] a = cvae.generate(3, 4, 11);
      assertEquals(4 * 28 * 28, a.length);
      assertArrayEquals(a, cvae.generate(3, 4, 11));
      assertTrue(!java.util.Arrays.equals(a, cvae.generate(3, 4, 12)), "another seed, other images");
      assertTrue(!java.util.Arrays.equals(a, cvae.generate(4, 4, 11)), "another label, other images");
    }
  }

  @Test
  void conditionalModelNeedsOneLabelPerImage() {
    try (Cvae cvae = Cvae.create(CONDITIONAL)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> cvae.decode(new float[4], new int[] {1}, 2));
      assertTrue(e.getMessage().contains("2 images, 1 labels"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> cvae.decode(new float[4], new int[] {1, 10}, 2));
      assertTrue(e.getMessage().contains("label 10 is outside [0, 10)"), e.getMessage());
    }
  }
}
