package org.genmodels.diffusion;

import java.util.Locale;
import java.util.OptionalDouble;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.judge.FeatureStats;
import org.genmodels.shared.judge.FrechetScore;
import org.genmodels.shared.judge.Judge;

/**
 * Prints the sample-quality score ({@link SampleQuality}) of a run or a checkpoint, or why there is
 * none: the judge knows MNIST and Fashion-MNIST only. The judge is loaded from its cache or
 * trained on the data set first (a few minutes, once).
 */
final class FrechetReport {
  private FrechetReport() {
  }

  /**
   * Scores {@code n} images sampled from {@code seed} against the first {@code n} test images and
   * prints the score; returns the distance, or nothing where the judge cannot read the images.
   */
  static OptionalDouble print(Diffusion ddpm, DiffusionData data, int n, long seed, Console console) {
    if (data.dataset() == null || !SampleQuality.applies(ddpm.settings().unet())) {
      console.println("No Fréchet score: the judge reads 28 × 28 gray MNIST or Fashion-MNIST images only");
      return OptionalDouble.empty();
    }
    if (n > data.test().count()) {
      throw new IllegalArgumentException("--fid-images " + n + " is more than the " + data.test().count()
          + " test images it is compared with");
    }
    try (Judge judge = Judge.loadOrTrain(data.dataset(), Judge.defaultCacheDir(), console::println)) {
      long begin = System.nanoTime();
      FeatureStats real = SampleQuality.testStats(judge, data.test(), n);
      FrechetScore score = SampleQuality.score(ddpm, judge, real, n, seed);
      double[] scale = SampleQuality.reference(judge, data.test(), real, n);
      console.println(String.format(Locale.ROOT, "Fréchet distance of the judge's features, %d samples (seed %d)"
          + " vs the first %d test images: %.2f (the next %d test images score %.2f, uniform noise %.2f); %.0f s",
          n, seed, n, score.distance(), n, scale[0], scale[1], (System.nanoTime() - begin) / 1e9));
      return OptionalDouble.of(score.distance());
    }
  }
}
