package org.genmodels.cvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;

/** Seeded training is reproducible, and real training lowers the test loss. */
class CvaeTrainingTest {
  /** The losses of the first {@code steps} seeded steps of a new model on {@code train}. */
  static double[] losses(CvaeSettings s, ImageSet train, int steps) {
    try (Cvae cvae = Cvae.create(s)) {
      int[][] batches = cvae.batcher(train).epoch(0);
      double[] losses = new double[steps];
      for (int i = 0; i < steps; i++) {
        losses[i] = cvae.trainStep(train, batches[i]).loss();
      }
      return losses;
    }
  }

  @Test
  void twoSeededRunsGiveIdenticalLosses() {
    ImageSet train = TestData.mnist().train().head(640);
    CvaeSettings s = CvaeSettings.defaults();
    assertArrayEquals(losses(s, train, 8), losses(s, train, 8));
  }

  @Test
  void aShortTrainingLowersTheTestLoss() {
    ImageData data = TestData.mnist();
    ImageSet test = data.test().head(1000);
    try (Cvae cvae = Cvae.create(CvaeSettings.defaults())) {
      double before = cvae.evaluate(test).loss();
      int[][] batches = cvae.batcher(data.train()).epoch(0);
      for (int i = 0; i < 150; i++) {
        cvae.trainStep(data.train(), batches[i]);
      }
      double after = cvae.evaluate(test).loss();
      // untrained: tanh(≈0) against [-1, 1] pixels, Σ(x − 0)² ≈ 600 per image; 150 steps reach ≈ 250
      assertTrue(before > 450, "untrained loss " + before);
      assertTrue(after < 0.6 * before, "before " + before + ", after " + after);
    }
  }
}
