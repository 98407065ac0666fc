package org.genmodels.ae;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genmodels.shared.data.Batcher;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * Thousands of training steps and inference calls do not grow the process's resident memory: every
 * tensor fed and every result fetched is closed. Unclosed, each step's 256-image batch would leak
 * 200 kB and each inference result 800 kB: 700 MB over the measured 3000 steps. A small network
 * keeps the test fast; the feeding and fetching code is the same at any size.
 */
class NativeMemoryTest {
  private static final Path STATUS = Path.of("/proc/self/status");

  @Test
  void residentMemoryStaysFlat() throws IOException {
    assumeTrue(Files.isReadable(STATUS), "needs Linux /proc to read the resident set size");
    ImageSet train = TestData.mnist().train();
    float[] images = TestData.mnist().test().firstPixels(256, PixelRange.UNIT);
    Batcher batcher = new Batcher(train.count(), 256, true, false, 1);
    AutoencoderSettings small = AutoencoderSettings.builder().dataset(DatasetName.MNIST)
        .hiddenSizes(List.of(32)).codeSize(8).build();
    long baseline = 0;
    long end = Long.MAX_VALUE;
    try (Autoencoder ae = Autoencoder.create(small)) {
      int step = 0;
      for (int epoch = 0; step < 4000; epoch++) {
        for (int[] batch : batcher.epoch(epoch)) {
          ae.trainStep(train, batch);
          if (step % 10 == 0) {
            ae.reconstruct(images, 256);
          }
          step++;
          if (step == 1000) {
            baseline = rssKbAfterGc();
          } else if (step >= 3600 && step % 200 == 0) {
            end = Math.min(end, rssKbAfterGc()); // the least of a few reads: heap pages come and go
          }
          if (step == 4000) {
            break;
          }
        }
      }
    }
    long growthMb = (end - baseline) / 1024;
    assertTrue(growthMb < 100, "resident memory grew by " + growthMb + " MB over 3000 steps");
  }

  private static long rssKbAfterGc() throws IOException {
    System.gc();
    for (String line : Files.readAllLines(STATUS)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in " + STATUS);
  }
}
