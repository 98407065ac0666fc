package org.genmodels.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.genmodels.shared.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@code diffusion benchmark}: the shared command with the DDPM's steps and sampling runs. */
class DiffusionBenchmarkTest {
  @Test
  void helpShowsTheStepAndSamplingOptionsWithTheirDefaults() {
    CliRun.Output r = CliRun.run(new DiffusionCommand(), "benchmark", "--help");
    assertEquals(0, r.code(), r.err());
    String help = r.flatOut();
    assertTrue(help.contains("--steps=N Timed training steps. Default: 20"), help);
    assertTrue(help.contains("--warmup=N Untimed training steps first. Default: 5"), help);
    assertTrue(help.contains("--images=N Images per sampling run. Default: 64"), help);
    assertTrue(help.contains("--sample-runs=N Timed sampling runs (after an untimed one; 0: none). Default: 2"), help);
    assertTrue(!help.contains("--epochs"), help);
  }

  @Test
  void timesTrainingStepsThenSamplingRuns() {
    CliRun.Output r = CliRun.run(new DiffusionCommand(), "--widths", "4,8", "--time-embedding", "8", "--timesteps",
        "20", "--batch-size", "16", "benchmark", "--steps", "2", "--warmup", "1", "--images", "2",
        "--sample-runs", "1");
    assertEquals(0, r.code(), r.err());
    String train = r.out().lines().filter(l -> l.startsWith("train: ")).findFirst().orElseThrow();
    assertTrue(train.matches("train: [0-9.]+ s/step mean, .* over 2 steps \\(batch 16, [0-9,]+ parameters\\)"
        + " \\[[0-9.]+, [0-9.]+\\]"), train);
    String sample = r.out().lines().filter(l -> l.startsWith("sample: ")).findFirst().orElseThrow();
    assertTrue(sample.matches("sample: [0-9.]+ s/run mean, .* over 1 runs \\(2 images, through 20 steps\\)"
        + " \\[[0-9.]+\\]; [0-9,.]+ images/s median, [0-9,.]+ slowest"), sample);
  }

  @Test
  void zeroSamplingRunsTimeTheTrainingAlone() {
    CliRun.Output r = CliRun.run(new DiffusionCommand(), "--widths", "4,8", "--time-embedding", "8", "--timesteps",
        "20", "--batch-size", "16", "benchmark", "--steps", "1", "--warmup", "0", "--sample-runs", "0");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("train: ")), r.out());
    assertTrue(r.out().lines().noneMatch(l -> l.startsWith("sample: ")), r.out());
  }
}
