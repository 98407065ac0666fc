package org.genmodels.diffusion;

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
 * (the central 28 × 28 of a 32 × 32 sample is what the judge reads). Lower is closer; two halves
 * of the MNIST test set score about 1, noise several hundred. Stateless.
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
   * Samples {@code n} images from {@code seed} and scores them against the first {@code n} images
   * of {@code test} (which must hold that many).
   *
   * @throws IllegalArgumentException when the network's images are not the judge's kind or the
   *         test set is too small
   */
  static FrechetScore score(Diffusion ddpm, Judge judge, ImageSet test, int n, long seed) {
    UnetSettings u = ddpm.settings().unet();
    if (!applies(u)) {
      throw new IllegalArgumentException("the Fréchet score reads 28 × 28 gray images; this network makes "
          + u.imageSize() + " × " + u.imageSize() + " × " + u.channels() + " ones");
    }
    if (test.count() < n || test.channels() != 1 || test.height() != JudgeInput.SIDE
        || test.width() != JudgeInput.SIDE) {
      throw new IllegalArgumentException("the Fréchet score of " + n + " images needs as many 28 × 28 gray"
          + " test images; the test set has " + test.count() + " of " + test.height() + " × " + test.width()
          + " × " + test.channels());
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
    FeatureStats real = FeatureStats.ofImages(judge, test.firstPixels(n, PixelRange.UNIT), n);
    return FrechetDistance.between(generated, real);
  }
}
