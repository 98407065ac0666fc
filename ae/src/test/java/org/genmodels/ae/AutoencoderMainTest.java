package org.genmodels.ae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: what a run writes, what --help says, how bad input is reported. */
class AutoencoderMainTest {
  @TempDir
  Path tmp;

  /** Runs the command, returning its exit code, standard output and standard error. */
  private static String[] run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Cli.execute(new AutoencoderMain(), args);
      return new String[] {String.valueOf(code), o.toString(StandardCharsets.UTF_8),
          e.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void oneEpochWritesTheReconstructionPicture() throws IOException {
    Path output = tmp.resolve("run");
    String[] r = run("--dataset", "mnist", "--data-dir", TestData.mnistDir().toString(),
        "--epochs", "1", "--output", output.toString(), "--log-every", "50");
    assertEquals("0", r[0], r[2]);
    BufferedImage picture = ImageIO.read(output.resolve("rec_epoch_1.png").toFile());
    assertEquals(564, picture.getWidth());
    assertEquals(280, picture.getHeight());
    assertTrue(r[1].contains("AutoencoderSettings: dataset=mnist epochs=1 batchSize=512"), r[1]);
    assertTrue(r[1].contains("epoch   1  step   50  loss "), r[1]);
    assertTrue(r[1].contains("Epoch 1/1  train: loss "), r[1]);
    assertTrue(r[1].contains("Done: 1 epochs of MNIST"), r[1]);
  }

  @Test
  void helpStatesTheDefaults() {
    String[] r = run("--help");
    assertEquals("0", r[0]);
    assertTrue(r[1].contains("--epochs=N"), r[1]);
    assertTrue(r[1].contains("Default: 100"), r[1]);
    assertTrue(r[1].contains("Default: fashion"), r[1]);
    assertTrue(r[1].contains("Default: 0.001"), r[1]);
    assertTrue(r[1].contains("Default: 256,128") || r[1].contains("Default: [256, 128]"), r[1]);
  }

  @Test
  void unwritableOutputIsAClearError() throws IOException {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    String[] r = run("--epochs", "1", "--output", file.resolve("sub").toString());
    assertEquals(String.valueOf(Cli.USER_ERROR), r[0]);
    assertTrue(r[2].contains("error: cannot write to the output directory"), r[2]);
    assertTrue(r[2].contains("--output"), r[2]);
  }

  @Test
  void badValuesAreClearErrors() {
    String[] r = run("--epochs", "0");
    assertEquals(String.valueOf(Cli.USER_ERROR), r[0]);
    assertTrue(r[2].contains("error: epochs must be at least 1, got 0"), r[2]);
    r = run("--dataset", "cifar");
    assertEquals(String.valueOf(Cli.USER_ERROR), r[0]);
    assertTrue(r[2].contains("unknown dataset 'cifar': use mnist or fashion"), r[2]);
  }
}
