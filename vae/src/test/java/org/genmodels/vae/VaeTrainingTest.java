package org.genmodels.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

class VaeTrainingTest {
  private static VaeSettings.Builder mnist() {
    return VaeSettings.defaults().toBuilder().dataset(DatasetName.MNIST);
  }

  /** Loss, reconstruction and KL of the first {@code steps} steps, one after the other. */
  private static double[] trace(VaeSettings s, int steps) {
    ImageSet train = TestData.mnist().train();
    int[][] batches = new Batcher(train.count(), 128, true, false, s.seed()).epoch(0);
    double[] out = new double[3 * steps];
    try (Vae vae = Vae.create(s)) {
      for (int i = 0; i < steps; i++) {
        double[] v = vae.trainStep(train, batches[i]).values();
        System.arraycopy(v, 0, out, 3 * i, 3);
      }
    }
    return out;
  }

  @Test
  void seededRunsAreIdentical() {
    double[] a = trace(mnist().seed(5).build(), 30);
    assertArrayEquals(a, trace(mnist().seed(5).build(), 30), 0.0);
    assertFalse(Arrays.equals(a, trace(mnist().seed(6).build(), 30)));
  }

  @Test
  void oneEpochLowersTheTestNegativeElbo() {
    ImageData data = TestData.mnist();
    try (Vae vae = Vae.create(mnist().epochs(1).build())) {
      double before = vae.evaluate(data.test()).get("nelbo");
      // an untrained decoder emits logits near 0: about 784·ln 2 = 543 nats
      assertTrue(before > 500, "start " + before);
      List<EpochResult> history = vae.train(data, List.of());
      double after = history.get(0).test().get("nelbo");
      assertTrue(after < 200, "test negative ELBO after one epoch " + after);
    }
  }
}
