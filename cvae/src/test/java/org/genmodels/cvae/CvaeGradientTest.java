package org.genmodels.cvae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.nn.Gaussian;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.GradientCheck;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.tf.Tensors;
import org.genmodels.shared.train.Feeds;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Gradients of the conditional model's loss — through the label map, both convs, the
 * reparameterization, both transposed convs and the output conv — equal central finite
 * differences, with eps held fixed. The quotients sum per-pixel squared errors and per-latent KL
 * terms in double.
 */
class CvaeGradientTest {
  @Test
  void gradientsMatchFiniteDifferences() {
    int b = 4;
    ImageSet images = TestData.mnist().train().head(b);
    CvaeSettings s = CvaeSettings.builder().channels(4).build();
    float[] epsValues = new float[b * 2];
    Random random = new Random(5);
    for (int i = 0; i < epsValues.length; i++) {
      epsValues[i] = (float) random.nextGaussian();
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      CvaeModel m = CvaeModel.build(tf, s, new Seeds(4));
      Operand<TFloat32> squared = tf.math.squaredDifference(m.input().x(), m.reconstruction());
      Operand<TFloat32> kl = Gaussian.klToStandardNormal(tf, m.zMean(), m.zLogVar());
      try (Session session = new Session(g); TFloat32 eps = Tensors.floats(epsValues, b, 2)) {
        GradientCheck.Fetcher fetch = operand -> {
          try (Feeds feeds = m.input().feeder().and(m.labels().feeder()).feed(images, new int[] {0, 1, 2, 3});
               Result r = feeds.applyTo(session.runner()).feed(m.eps(), eps).fetch(operand).run()) {
            return Tensors.toArray(r.get(0));
          }
        };
        int checked = GradientCheck.check(tf, session, fetch, m.params().all(), m.loss(),
            f -> (GradientCheck.sum(f.fetch(squared)) + GradientCheck.sum(f.fetch(kl))) / b, 2, 1e-3, 0.02, 2e-3);
        // two entries per variable, one for conv_out's single bias
        assertEquals(m.params().all().stream().mapToLong(p -> Math.min(2, p.shape().size())).sum(), checked);
      }
    }
  }
}
