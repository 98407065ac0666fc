package org.genmodels.ae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.genmodels.shared.data.ImageSet;
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
 * The gradients TF builds for the AE's loss equal central finite differences of the loss (the
 * per-pixel BCE averaged in double), for the three largest-gradient entries of every variable.
 */
class AutoencoderGradientTest {
  @Test
  void gradientsMatchFiniteDifferences() {
    ImageSet batch = TestData.mnist().train().head(16);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      AutoencoderModel model = AutoencoderModel.build(tf, List.of(64, 32), 8, new Seeds(3));
      Operand<TFloat32> perPixel = Losses.bceWithLogits(tf, model.input().x(), model.logits());
      try (Session s = new Session(g);
           TUint8 pixels = Tensors.bytes(batch.pixels(), 16, 784)) {
        GradientCheck.Fetcher fetch = operand -> {
          try (Result r = s.runner().feed(model.input().pixels(), pixels).fetch(operand).run()) {
            return Tensors.toArray(r.get(0));
          }
        };
        int checked = GradientCheck.check(tf, s, fetch, model.params().all(), model.loss(),
            f -> GradientCheck.sum(f.fetch(perPixel)) / (16 * 784), 3, 1e-3, 0.01, 1e-7);
        assertEquals(36, checked);
      }
    }
  }
}
