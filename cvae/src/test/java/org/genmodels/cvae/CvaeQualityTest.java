package org.genmodels.cvae;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.judge.Judge;
import org.genmodels.shared.judge.LabelAccuracy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bar after one epoch of the conditional model (test loss: squared error + KL per
 * image, data in [-1, 1]): at most 120 on Fashion-MNIST and 150 on MNIST (PyTorch 1.13 here:
 * 113.51 and 143.14, one run each). One epoch at lr 1e-4 ends on a steep slope, where the seed
 * moves the result by ±6 (MNIST: 150.8, 138.6, 144.9 for seeds 22, 1, 2), so the bar is held
 * by the mean of three seeds, and each run is printed.
 */
@Tag("quality")
class CvaeQualityTest {
  private static final long[] SEEDS = {22, 1, 2};

  @ParameterizedTest
  @CsvSource({"fashion, 120", "mnist, 150"})
  void oneEpochReachesTheBar(String dataset, double bar) {
    DatasetName name = DatasetName.fromCliName(dataset);
    ImageData data = name == DatasetName.MNIST ? TestData.mnist() : TestData.fashion();
    double sum = 0;
    StringBuilder each = new StringBuilder();
    for (long seed : SEEDS) {
      CvaeSettings s = CvaeSettings.builder().dataset(name).epochs(1).seed(seed).build();
      try (Cvae cvae = Cvae.create(s)) {
        double loss = cvae.train(data, List.of()).get(0).test().loss();
        sum += loss;
        each.append(String.format(Locale.ROOT, " seed %d: %.2f", seed, loss));
      }
    }
    double mean = sum / SEEDS.length;
    System.out.printf(Locale.ROOT, "CVAE quality %s: test loss after 1 epoch, mean %.2f (bar %.0f);%s%n", dataset,
        mean, bar, each);
    assertTrue(mean <= bar, dataset + " mean test loss " + mean + " > " + bar + ":" + each);
  }

  /**
   * After 10 epochs on MNIST, the share of generated digits the judge reads as the digit asked for.
   * Issue 4 asks for 0.85; this model measures 0.814 with judge v3 (per digit 0.73, 0.54, 0.80,
   * 0.94, 0.97, 0.82, 0.92, 0.96, 0.61, 0.85: z ~ N(0, I) often falls outside where a class's codes
   * lie, and those decode to blurs), so that issue ended blocked on it, and this guards the measured
   * value.
   */
  @Test
  void tenEpochsGenerateDigitsTheJudgeReadsRight() {
    ImageData data = TestData.mnist();
    try (Cvae cvae = Cvae.create(CvaeSettings.builder().epochs(10).build());
         Judge judge = Judge.loadOrTrain(data, Judge.defaultCacheDir(), System.out::println)) {
      double loss = cvae.train(data, List.of()).get(9).test().loss();
      LabelAccuracy accuracy = CvaeJudging.labelAccuracy(cvae, judge, 100);
      System.out.printf(Locale.ROOT, "CVAE quality mnist: after 10 epochs test loss %.2f, label accuracy %s (issue's bar 0.85)%n",
          loss, accuracy.describe());
      assertTrue(accuracy.overall() >= 0.78, "label accuracy " + accuracy.describe());
    }
  }
}
