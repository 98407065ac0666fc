package org.genmodels.shared.judge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Fréchet distance with the real (cached) MNIST judge: two interleaved halves of the test set
 * (even and odd indices) are close, uniform noise is far. Also prints the distance between the
 * first and last 5 000 test images, which MNIST's documentation says differ (the first are
 * cleaner: they come from NIST's SD-3, the last from SD-1), and how long a distance takes for
 * 1 000 and 10 000 images a side.
 */
@Tag("quality")
class FrechetQualityTest {
  @Test
  void halvesOfTheTestSetAreCloseAndNoiseIsFar() {
    ImageData data = TestData.mnist();
    try (Judge judge = Judge.loadOrTrain(data, Judge.defaultCacheDir(), System.out::println)) {
      ImageSet test = data.test();
      float[] all = test.firstPixels(test.count(), PixelRange.UNIT);
      int half = test.count() / 2;
      float[] first = Arrays.copyOfRange(all, 0, half * 784);
      float[] second = Arrays.copyOfRange(all, half * 784, 2 * half * 784);
      float[] even = new float[half * 784];
      float[] odd = new float[half * 784];
      for (int i = 0; i < half; i++) {
        System.arraycopy(all, 2 * i * 784, even, i * 784, 784);
        System.arraycopy(all, (2 * i + 1) * 784, odd, i * 784, 784);
      }
      float[] noise = new float[half * 784];
      Random random = new Random(1);
      for (int i = 0; i < noise.length; i++) {
        noise[i] = random.nextFloat();
      }
      FeatureStats evenStats = FeatureStats.ofImages(judge, even, half);
      FrechetScore halves = FrechetDistance.between(evenStats, FeatureStats.ofImages(judge, odd, half));
      FrechetScore firstLast = FrechetDistance.between(judge, first, half, second, half);
      FrechetScore noisy = FrechetDistance.between(FeatureStats.ofImages(judge, noise, half), evenStats);
      double trace = 0;
      for (int j = 0; j < evenStats.dim(); j++) {
        trace += evenStats.covariance()[j][j];
      }
      System.out.printf("Frechet quality: total feature variance Tr(S) of the even half %.1f%n", trace);
      System.out.println("Frechet quality, even vs odd test images: " + halves);
      System.out.println("Frechet quality, first vs last 5000 test images: " + firstLast);
      System.out.println("Frechet quality, uniform noise vs even test images: " + noisy);
      // measured 1.01 (the sampling bias of 5 000 vs 5 000), 15.0 and 404 (judge v3)
      assertTrue(halves.distance() < 3, halves.toString());
      assertTrue(firstLast.distance() > halves.distance(), firstLast + " vs " + halves);
      assertTrue(noisy.distance() > 100 * halves.distance(), noisy + " vs " + halves);
      timeAgainstTrain(judge, data, all, 1_000);
      timeAgainstTrain(judge, data, all, 10_000);
    }
  }

  private static void timeAgainstTrain(Judge judge, ImageData data, float[] test, int n) {
    float[] train = data.train().firstPixels(n, PixelRange.UNIT);
    long start = System.nanoTime();
    FeatureStats a = FeatureStats.ofImages(judge, Arrays.copyOf(test, n * 784), n);
    FeatureStats b = FeatureStats.ofImages(judge, train, n);
    long statsDone = System.nanoTime();
    FrechetScore score = FrechetDistance.between(a, b);
    long end = System.nanoTime();
    System.out.printf("Frechet timing, test vs train, n = %d: %s; features + statistics %.2f s, distance %.2f s%n",
        n, score, (statsDone - start) / 1e9, (end - statsDone) / 1e9);
  }
}
