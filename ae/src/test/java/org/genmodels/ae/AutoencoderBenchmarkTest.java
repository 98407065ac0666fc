package org.genmodels.ae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;

/** {@code ae benchmark}: the shared command with the autoencoder's options and its reconstruction line. */
class AutoencoderBenchmarkTest {
  @Test
  void helpShowsTheAutoencodersCountsAndDefaults() {
    CliRun.Output r = CliRun.run(new AutoencoderCommand(), "benchmark", "--help");
    assertEquals(0, r.code(), r.err());
    String help = r.flatOut();
    assertTrue(help.contains("--epochs=N Timed epochs. Default: 5"), help);
    assertTrue(help.contains("Default: 1"), help);
    assertTrue(help.contains("--passes=N Timed reconstruction passes over the test set. Default: 20"), help);
  }

  @Test
  void timesEpochsThenReconstructionPasses() {
    CliRun.Output r = CliRun.run(new AutoencoderCommand(), "--dataset", "mnist", "--hidden", "8", "--code-size", "2",
        "--batch-size", "1000", "--data-dir", TestData.mnistDir().toString(), "benchmark", "--epochs", "1",
        "--warmup", "0", "--passes", "2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("train: ") && r.out().contains(" over 1 epochs (60000 images, batch 1000) ["),
        r.out());
    String line = r.out().lines().filter(l -> l.startsWith("reconstruct: ")).findFirst().orElseThrow();
    assertTrue(line.matches("reconstruct: [0-9.]+ s/run mean, [0-9.]+ median, [0-9.]+ min over 2 runs"
        + " \\(10000 images, the test set\\) \\[[0-9.]+, [0-9.]+\\]; [0-9,.]+ images/s median, [0-9,.]+ slowest"),
        line);
  }
}
