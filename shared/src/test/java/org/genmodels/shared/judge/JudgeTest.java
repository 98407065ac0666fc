package org.genmodels.shared.judge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.genmodels.shared.data.Batcher;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.train.PiecewiseConstantDecay;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge trained on a tenth of MNIST (fast): it classifies, caches, reloads what it cached,
 * retrains a broken or stale cache, and scores label accuracy.
 */
class JudgeTest {
  @TempDir
  static Path cache;
  private static ImageData small;
  private static float[] testImages;
  private static int[] testLabels;
  private static final int N = 2000;

  @BeforeAll
  static void data() {
    ImageData mnist = TestData.mnist();
    small = new ImageData(mnist.name(), mnist.train().head(6000), mnist.test().head(N), mnist.source());
    testImages = small.test().firstPixels(N, PixelRange.UNIT);
    testLabels = new int[N];
    for (int i = 0; i < N; i++) {
      testLabels[i] = small.test().label(i);
    }
  }

  private static Judge load(Path dir, List<String> log) {
    return Judge.loadOrTrain(small, dir, log::add);
  }

  @Test
  void trainsOnceThenLoadsTheSameJudgeFromTheCache() {
    Path dir = cache.resolve("reuse");
    List<String> log = new ArrayList<>();
    float[] first;
    try (Judge judge = load(dir, log)) {
      assertTrue(log.get(0).startsWith("Training the MNIST judge (once; cached in "), log.toString());
      double accuracy = judge.accuracy(small.test());
      assertTrue(accuracy > 0.9, "accuracy after 3 epochs of 6000 images: " + accuracy);
      assertEquals(accuracy, judge.testAccuracy(), 1e-6);
      first = judge.logits(testImages, N);
      assertEquals(128 * 5, judge.features(java.util.Arrays.copyOf(testImages, 5 * 784), 5).length);
    }
    log.clear();
    try (Judge judge = load(dir, log)) {
      assertTrue(log.isEmpty(), "loaded, not trained: " + log);
      assertArrayEquals(first, judge.logits(testImages, N));
    }
    assertTrue(Files.isRegularFile(dir.resolve("mnist-" + JudgeModel.VERSION).resolve("judge.properties")));
  }

  @Test
  void onMnistTheRateDropsAfterFourEpochsOnFashionItStays() {
    // 60 000 images in batches of 128, the last one partial: 469 steps an epoch, so the first four
    // epochs are the steps taken 0 … 1875
    int steps = new Batcher(60_000, 128, true, false, 1).steps();
    assertEquals(469, steps);
    ImageSet two = new ImageSet(2, 28, 28, new byte[2 * 784], new byte[2]);
    assertEquals(new PiecewiseConstantDecay(new long[] {1875}, new float[] {1e-3f, 1e-4f}),
        Judge.schedule(new ImageData(DatasetName.MNIST, two, two, "test"), steps));
    assertEquals(PiecewiseConstantDecay.constant(1e-3f),
        Judge.schedule(new ImageData(DatasetName.FASHION_MNIST, two, two, "test"), steps));
  }

  @Test
  void labelAccuracyIsAccuracyForTrueLabelsAndLowForWrongOnes() {
    try (Judge judge = load(cache.resolve("labels"), new ArrayList<>())) {
      LabelAccuracy right = judge.labelAccuracy(testImages, testLabels);
      assertEquals(judge.accuracy(small.test()), right.overall(), 1e-6);
      int[] shifted = testLabels.clone();
      for (int i = 0; i < N; i++) {
        shifted[i] = (shifted[i] + 1) % 10;
      }
      assertTrue(judge.labelAccuracy(testImages, shifted).overall() < 0.05);
      int[] classes = judge.classify(testImages, N);
      int ones = 0;
      int onesRight = 0;
      for (int i = 0; i < N; i++) {
        if (testLabels[i] == 1) {
          ones++;
          onesRight += classes[i] == 1 ? 1 : 0;
        }
      }
      assertEquals((double) onesRight / ones, right.of(1), 1e-12);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> judge.classify(new float[700], 1));
      assertTrue(e.getMessage().contains("expected 1 rows of 784 values, got 700"), e.getMessage());
      float[] symmetric = new float[784];
      symmetric[3] = -1;
      e = assertThrows(IllegalArgumentException.class, () -> judge.classify(symmetric, 1));
      assertTrue(e.getMessage().contains("pixels in [0, 1], got -1.0 at index 3"), e.getMessage());
    }
  }

  @Test
  void aBrokenOrStaleCacheIsTrainedAgain() throws IOException {
    Path dir = cache.resolve("broken");
    try (Judge judge = load(dir, new ArrayList<>())) {
      assertTrue(judge.testAccuracy() > 0.9);
    }
    Path cached = dir.resolve("mnist-" + JudgeModel.VERSION);
    try (Stream<Path> files = Files.list(cached)) {
      for (Path data : files.filter(f -> f.getFileName().toString().startsWith("variables.data")).toList()) {
        Files.write(data, new byte[10]);
      }
    }
    List<String> log = new ArrayList<>();
    try (Judge judge = load(dir, log)) {
      assertTrue(log.get(0).contains("is unreadable"), log.toString());
      assertTrue(judge.testAccuracy() > 0.9);
    }
    Path metadata = cached.resolve("judge.properties");
    Files.writeString(metadata, Files.readString(metadata).replace("version=" + JudgeModel.VERSION, "version=v0"));
    log.clear();
    try (Judge judge = load(dir, log)) {
      assertTrue(log.get(0).startsWith("Training the MNIST judge"), log.toString());
    }
  }
}
