package org.genmodels.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.nn.Gaussian;
import org.genmodels.shared.nn.Losses;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.GradientCheck;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * Gradients of the VAE loss through the reparameterization equal central finite differences,
 * with the noise eps held fixed (fed), for the three largest-gradient entries of every variable.
 * The difference quotients sum the per-pixel BCE and per-latent KL terms in double.
 */
class VaeGradientTest {
  @Test
  void gradientsThroughTheReparameterizationMatchFiniteDifferences() {
    int batch = 8;
    ImageSet images = TestData.mnist().train().head(batch);
    VaeSettings s = VaeSettings.defaults().toBuilder().dataset(DatasetName.MNIST).hiddenSize(32)
        .latentSize(4).build();
    float[] epsValues = new float[batch * 4];
    java.util.Random random = new java.util.Random(5);
    for (int i = 0; i < epsValues.length; i++) {
      epsValues[i] = (float) random.nextGaussian();
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      VaeModel model = VaeModel.build(tf, s, new Seeds(4));
      Operand<TFloat32> bce = Losses.bceWithLogits(tf, model.input().x(), model.output());
      Operand<TFloat32> kl = Gaussian.klToStandardNormal(tf, model.zMean(), model.zLogVar());
      try (Session session = new Session(g);
           TUint8 pixels = Tensors.bytes(images.pixels(), batch, 784);
           TFloat32 eps = Tensors.floats(epsValues, batch, 4)) {
        GradientCheck.Fetcher fetch = operand -> {
          try (Result r = session.runner().feed(model.input().pixels(), pixels).feed(model.eps(), eps)
              .fetch(operand).run()) {
            return Tensors.toArray(r.get(0));
          }
        };
        // the sum-reduced loss: Σ BCE / B + Σ KL / B
        int checked = GradientCheck.check(tf, session, fetch, model.params().all(), model.loss(),
            f -> (GradientCheck.sum(f.fetch(bce)) + GradientCheck.sum(f.fetch(kl))) / batch, 3, 1e-3, 0.01, 1e-4);
        assertEquals(30, checked);
      }
    }
  }
}
