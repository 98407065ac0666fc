package org.genmodels.cvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;

/** {@code cvae benchmark}: the shared command with the CVAE's defaults and the parent's data options. */
class CvaeBenchmarkTest {
  @Test
  void helpShowsTheCvaesDefaults() {
    CliRun.Output r = CliRun.run(new CvaeCommand(), "benchmark", "--help");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.flatOut().contains("--epochs=N Timed epochs. Default: 2"), r.flatOut());
  }

  @Test
  void timesEpochsOfTheParentsTrainingSet() {
    CliRun.Output r = CliRun.run(new CvaeCommand(), "--train-limit", "128", "--channels", "4", "--no-progress",
        "--data-dir", TestData.mnistDir().toString(), "benchmark", "--epochs", "1", "--warmup", "0");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains(" over 1 epochs (128 images, batch 64) ["), r.out());
  }
}
