package org.genmodels.ae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.genmodels.shared.data.Batcher;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.train.EpochResult;
import org.junit.jupiter.api.Test;

class AutoencoderTrainingTest {
  private static AutoencoderSettings.Builder mnist() {
    return AutoencoderSettings.builder().dataset(DatasetName.MNIST);
  }

  /** The losses of the first {@code steps} steps of a fresh model. */
  private static double[] losses(AutoencoderSettings s, int steps) {
    ImageSet train = TestData.mnist().train();
    int[][] batches = new Batcher(train.count(), 128, true, false, s.seed()).epoch(0);
    double[] losses = new double[steps];
    try (Autoencoder ae = Autoencoder.create(s)) {
      for (int i = 0; i < steps; i++) {
        losses[i] = ae.trainStep(train, batches[i]).loss();
      }
    }
    return losses;
  }

  @Test
  void seededRunsAreIdenticalAndSeedsMatter() {
    double[] a = losses(mnist().seed(7).build(), 40);
    double[] b = losses(mnist().seed(7).build(), 40);
    assertArrayEquals(a, b, 0.0);
    assertFalse(Arrays.equals(a, losses(mnist().seed(8).build(), 40)));
  }

  @Test
  void oneEpochOnMnistLowersTheTestBceWellBelowItsStart() {
    ImageData data = TestData.mnist();
    try (Autoencoder ae = Autoencoder.create(mnist().epochs(1).build())) {
      double before = ae.evaluate(data.test());
      // untrained logits are near 0: the BCE is near ln 2 minus the pixels' entropy share
      assertTrue(before > 0.6, "start " + before);
      List<EpochResult> history = ae.train(data, List.of());
      double after = history.get(0).test().loss();
      assertEquals(after, ae.evaluate(data.test()), 1e-6);
      assertTrue(after < 0.2, "test BCE after one epoch " + after);
    }
  }
}
