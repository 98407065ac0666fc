package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PyTorch DDPM fixtures in {@code ../shared/fixtures/pytorch/} (see its README): seed 004's
 * SimpleUnet as {@code model.pt} with PyTorch's golden outputs and gradients. A test skips, saying
 * so, only when the folder is absent; on CI it is there and the tests run.
 */
final class TorchDdpmFixtures {
  /** 1 channel, widths 32, 64, 128 at 32 × 32 (the project's default network), trained 100 steps. */
  static final String CPU = "seed004_ddpm_cpu";
  /** RGB, widths 8 … 128 (the seed's depth) at 64 × 64, untrained, batch-norm statistics moved. */
  static final String NARROW64 = "seed004_ddpm_narrow64";

  private TorchDdpmFixtures() {
  }

  /** The folder of fixture {@code name}. */
  static Path dir(String name) {
    Path shared = Path.of(System.getProperty("genmodels.shared.dir", "../shared"));
    Path dir = shared.resolve("fixtures").resolve("pytorch").resolve(name);
    assumeTrue(Files.isDirectory(dir), "PyTorch fixtures not found at " + dir.toAbsolutePath()
        + ": put ../shared beside the checkout to run these tests");
    return dir.normalize();
  }
}
