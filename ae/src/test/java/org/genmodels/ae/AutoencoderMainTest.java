package org.genmodels.ae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: what a run writes, what --help says, how bad input is reported. */
class AutoencoderMainTest {
  @TempDir
  Path tmp;

  private static CliRun.Output run(String... args) {
    return CliRun.run(new AutoencoderMain(), args);
  }

  @Test
  void oneEpochWritesTheReconstructionPicture() throws IOException {
    Path output = tmp.resolve("run");
    CliRun.Output r = run("--dataset", "mnist", "--data-dir", TestData.mnistDir().toString(),
        "--epochs", "1", "--output", output.toString(), "--log-every", "50");
    assertEquals(0, r.code(), r.err());
    BufferedImage picture = ImageIO.read(output.resolve("rec_epoch_1.png").toFile());
    assertEquals(564, picture.getWidth());
    assertEquals(280, picture.getHeight());
    assertTrue(r.out().contains("AutoencoderSettings: dataset=mnist epochs=1 batchSize=512"), r.out());
    assertTrue(r.out().contains("epoch   1  step   50  loss "), r.out());
    assertTrue(r.out().contains("Epoch 1/1  train: loss "), r.out());
    assertTrue(r.out().contains("Done: 1 epochs of MNIST"), r.out());
  }

  @Test
  void helpStatesTheDefaults() {
    CliRun.Output r = run("--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("--epochs=N"), r.out());
    assertTrue(r.out().contains("Default: 100"), r.out());
    assertTrue(r.out().contains("Default: fashion"), r.out());
    assertTrue(r.out().contains("Default: 0.001"), r.out());
    assertTrue(r.out().contains("Default: 256,128") || r.out().contains("Default: [256, 128]"), r.out());
  }

  @Test
  void unwritableOutputIsAClearError() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    CliRun.Output r = run("--epochs", "1", "--output", file.resolve("sub").toString());
    assertEquals(Cli.USER_ERROR, r.code());
    assertTrue(r.err().contains("error: cannot write to the output directory"), r.err());
    assertTrue(r.err().contains("--output"), r.err());
  }

  @Test
  void badValuesAreClearErrors() {
    CliRun.Output r = run("--epochs", "0");
    assertEquals(Cli.USER_ERROR, r.code());
    assertTrue(r.err().contains("error: epochs must be at least 1, got 0"), r.err());
    r = run("--dataset", "cifar");
    assertEquals(Cli.USER_ERROR, r.code());
    assertTrue(r.err().contains("unknown dataset 'cifar': use mnist or fashion"), r.err());
  }
}
