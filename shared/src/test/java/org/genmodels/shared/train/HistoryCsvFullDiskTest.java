package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.testing.FileHashes;
import org.genmodels.shared.testing.FullDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update of {@code history.csv} that a full disk (a real one, {@link FullDisk}) cuts short
 * leaves the previous history byte-identical, nothing beside it, and an error naming the file and
 * the cause.
 */
class HistoryCsvFullDiskTest {
  /** Rows written before the disk fills: about 40 KiB, more than the space then left. */
  private static final int EPOCHS = 400;

  @TempDir
  Path tmp;

  @Test
  void anUpdateOnAFullDiskLeavesThePreviousHistoryAndSaysWhatFailed() {
    FullDisk.assumeAvailable(tmp);
    Path mount = tmp.resolve("disk");
    FullDisk.Child child = FullDisk.run(HistoryCsvFullDiskTest.class, mount, 512);
    assertEquals(0, child.code(), child.transcript());
    Map<String, String> v = child.values();
    assertTrue(v.get("before").contains("history.csv="), child.transcript());
    assertEquals(v.get("before"), v.get("after"), "the previous history is byte-identical, nothing beside it");
    String error = v.get("error");
    assertTrue(error.startsWith("cannot write the history " + mount.resolve("run").resolve(HistoryCsv.FILE)),
        child.transcript());
    assertTrue(error.contains("No space left on device"), error);
    assertTrue(error.endsWith("the previous version is left as it was"), error);
  }

  /** The child: a history of {@link #EPOCHS} epochs, then a full disk, then one more epoch. */
  public static void main(String[] args) throws Exception {
    Path run = java.nio.file.Files.createDirectories(Path.of(args[0]).resolve("run"));
    HistoryCsv history = HistoryCsv.in(run);
    for (int e = 1; e <= EPOCHS; e++) {
      history.onEpochEnd(epoch(e));
    }
    System.out.println("before=" + FileHashes.of(run));
    FullDisk.fill(Path.of(args[0]), 16 * 1024);
    try {
      history.onEpochEnd(epoch(EPOCHS + 1));
      System.out.println("error=none");
    } catch (UncheckedIOException e) {
      System.out.println("error=" + e.getMessage());
    }
    System.out.println("after=" + FileHashes.of(run));
  }

  private static EpochResult epoch(int n) {
    MetricValues v = new MetricValues(List.of("loss", "rec", "kl"), new double[] {1.0 / n, 0.5 / n, 0.25 / n});
    return new EpochResult(n, EPOCHS + 1, v, v, 1.25, 0.5);
  }
}
