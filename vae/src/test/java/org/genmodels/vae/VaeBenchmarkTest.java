package org.genmodels.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;

/** {@code vae benchmark}: the shared command with the VAE's options and defaults. */
class VaeBenchmarkTest {
  @Test
  void helpShowsTheVaesCountsAndDefaults() {
    CliRun.Output r = CliRun.run(new VaeCommand(), "benchmark", "--help");
    assertEquals(0, r.code(), r.err());
    String help = r.flatOut();
    assertTrue(help.contains("--epochs=N Timed epochs. Default: 5"), help);
    assertTrue(help.contains("--warmup=N Untimed epochs first (graph optimisation, caches). Default: 1"), help);
    assertTrue(!help.contains("--passes") && !help.contains("--steps"), help);
  }

  @Test
  void timesTheGivenEpochsWithTheParentsSettings() {
    CliRun.Output r = CliRun.run(new VaeCommand(), "--preset", "seed004", "--hidden", "8", "--batch-size", "1000",
        "--data-dir", TestData.mnistDir().toString(), "benchmark", "--epochs", "1", "--warmup", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("epochs=2 batchSize=1000 "), r.out());
    String train = r.out().lines().filter(l -> l.startsWith("train: ")).findFirst().orElseThrow();
    assertTrue(train.matches("train: [0-9.]+ s/epoch mean, [0-9.]+ median, [0-9.]+ min over 1 epochs"
        + " \\(60000 images, batch 1000\\) \\[[0-9.]+\\]"), train);
  }

  @Test
  void noTimedEpochIsAClearError() {
    CliRun.Output r = CliRun.run(new VaeCommand(), "benchmark", "--epochs", "0");
    assertEquals(Cli.USER_ERROR, r.code());
    assertTrue(r.err().contains("error: benchmark needs --epochs of at least 1 and --warmup of at least 0,"
        + " got 0 and 1"), r.err());
  }
}
