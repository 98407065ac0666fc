package org.genmodels.shared.judge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bar for the judge: test accuracy at least 99 % on MNIST and 90 % on Fashion-MNIST.
 * Uses the default cache, so the judge trained here is the one the models' runs use.
 */
@Tag("quality")
class JudgeQualityTest {
  @ParameterizedTest
  @CsvSource({"mnist, 0.99", "fashion, 0.90"})
  void testAccuracyReachesTheBar(String dataset, double bar) {
    ImageData data = dataset.equals("mnist") ? TestData.mnist() : TestData.fashion();
    try (Judge judge = Judge.loadOrTrain(data, Judge.defaultCacheDir(), System.out::println)) {
      double accuracy = judge.accuracy(data.test());
      System.out.printf("Judge quality %s: test accuracy %.4f (bar %.2f)%n", dataset, accuracy, bar);
      assertTrue(accuracy >= bar, dataset + " judge accuracy " + accuracy + " < " + bar);
    }
  }
}
