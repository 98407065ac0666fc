package org.genmodels.diffusion;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.judge.FeatureStats;
import org.genmodels.shared.judge.FrechetDistance;
import org.genmodels.shared.judge.FrechetScore;
import org.genmodels.shared.judge.Judge;
import org.genmodels.shared.judge.JudgeInput;

/**
 * The DDPM's sample-quality score: the Fréchet distance (Heusel et al. 2017, "GANs trained by a
 * two time-scale update rule…", the FID) between the judge classifier's 128 features of
 * {@code n} sampled images and of the first {@code n} test images — a Fréchet Inception Distance
 * made for 28 × 28 gray images, so only for networks of one channel at least 28 pixels wide
 * (the central 28 × 28 of a 32 × 32 sample is what the judge reads). Lower is closer; at 1000
 * images a side, 1000 other Fashion-MNIST test images score 2.2 and uniform noise 180 (MNIST: 15 —
 * its test set's two halves come from two writer populations — and 439). Stateless.
 */
final class SampleQuality {
  /** Images per sampling run: large batches use the cores best, and 250 × 32 × 32 floats are small. */
  static final int SAMPLE_BATCH = 250;

  private SampleQuality() {
  }

  /** Whether the judge can read this network's images. */
  static boolean applies(UnetSettings u) {
    return u.channels() == 1 && u.imageSize() >= JudgeInput.SIDE;
  }

  /**
   * The judge's feature statistics of the first {@code n} images of {@code test}, what samples are
   * scored against.
   *
   * @throws IllegalArgumentException when the test set holds fewer than n 28 × 28 gray images
   */
  static FeatureStats testStats(Judge judge, ImageSet test, int n) {
    if (test.count() < n || test.channels() != 1 || test.height() != JudgeInput.SIDE
        || test.width() != JudgeInput.SIDE) {
      throw new IllegalArgumentException("the Fréchet score of " + n + " images needs as many 28 × 28 gray"
          + " test images; the test set has " + test.count() + " of " + test.height() + " × " + test.width()
          + " × " + test.channels());
    }
    return FeatureStats.ofImages(judge, test.firstPixels(n, PixelRange.UNIT), n);
  }

  /**
   * Samples {@code n} images from {@code seed} and scores them against {@code real}, the
   * {@link #testStats} of n test images.
   *
   * @throws IllegalArgumentException when the network's images are not the judge's kind
   */
  static FrechetScore score(Diffusion ddpm, Judge judge, FeatureStats real, int n, long seed) {
    UnetSettings u = ddpm.settings().unet();
    if (!applies(u)) {
      throw new IllegalArgumentException("the Fréchet score reads 28 × 28 gray images; this network makes "
          + u.imageSize() + " × " + u.imageSize() + " × " + u.channels() + " ones");
    }
    int size = u.imageSize();
    int values = size * size;
    float[] samples = new float[n * values];
    for (int done = 0, chunk = 0; done < n; chunk++) {
      int k = Math.min(SAMPLE_BATCH, n - done);
      float[] part = ddpm.sample(k, seed * 1_000_003L + chunk);
      System.arraycopy(part, 0, samples, done * values, part.length);
      done += k;
    }
    FeatureStats generated = FeatureStats.ofImages(judge, JudgeInput.fromSymmetric(samples, n, size), n);
    return FrechetDistance.between(generated, real);
  }

  /**
   * The scale to read a score on, at the same {@code n}: the distance of the next {@code n} test
   * images (a perfect model's score, up to the sampling floor) and of uniform noise to
   * {@code real}, the first n's {@link #testStats}. The features of 2n images: about a second per
   * thousand.
   *
   * @return {@code [test, noise]}; the first is NaN when the test set holds fewer than 2n images
   */
  static double[] reference(Judge judge, ImageSet test, FeatureStats real, int n) {
    double other = Double.NaN;
    if (test.count() >= 2 * n) {
      int[] next = new int[n];
      Arrays.setAll(next, i -> n + i);
      other = FrechetDistance.between(FeatureStats.ofImages(judge, test.pixels(next, PixelRange.UNIT), n), real)
          .distance();
    }
    float[] noise = new float[n * JudgeInput.SIDE * JudgeInput.SIDE];
    SplittableRandom random = new SplittableRandom(n);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) random.nextDouble();
    }
    return new double[] {other, FrechetDistance.between(FeatureStats.ofImages(judge, noise, n), real).distance()};
  }
}
