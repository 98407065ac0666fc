package org.genmodels.vae;

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

/** What a run writes and says, and how it reports bad input. */
class VaeMainTest {
  @TempDir
  Path tmp;

  private static CliRun.Output run(String... args) {
    return CliRun.run(new VaeMain(), args);
  }

  private static BufferedImage read(Path file) throws IOException {
    assertTrue(Files.isRegularFile(file), file + " exists");
    return ImageIO.read(file.toFile());
  }

  @Test
  void seed004RunWritesEveryFigureWithItsSize() throws IOException {
    Path out = tmp.resolve("run");
    CliRun.Output r = run("--preset", "seed004", "--epochs", "1", "--data-dir", TestData.mnistDir().toString(),
        "--iwae-samples", "10", "--iwae-images", "200", "--output", out.toString(), "--log-every", "0");
    assertEquals(0, r.code(), r.err());
    assertEquals(280, read(out.resolve("sampled_epoch_1.png")).getWidth());
    assertEquals(564, read(out.resolve("rec_epoch_1.png")).getWidth());
    BufferedImage curve = read(out.resolve("learning_curve.png"));
    assertEquals(800, curve.getWidth());
    assertEquals(600, curve.getHeight());
    assertEquals(700, read(out.resolve("latent_scatter.png")).getHeight());
    BufferedImage manifold = read(out.resolve("manifold.png"));
    assertEquals(20 * 28, manifold.getWidth());
    assertEquals(20 * 28, manifold.getHeight());
    assertTrue(Files.isRegularFile(out.resolve("best_model").resolve("variables.index")));
    assertTrue(r.out().contains("Epoch 1/1  train: loss "), r.out());
    assertTrue(r.out().contains(" rec ") && r.out().contains(" kl ") && r.out().contains(" nelbo "), r.out());
    assertTrue(r.out().contains("negative ELBO"), r.out());
    assertTrue(r.out().contains("Test NLL (IWAE, k=10, 200 images): "), r.out());
    assertTrue(r.out().contains("bits per dimension"), r.out());
  }

  @Test
  void helpNamesThePresetsAndDefaults() {
    CliRun.Output r = run("--help");
    assertEquals(0, r.code());
    String help = r.flatOut();
    assertTrue(help.contains("--preset=NAME"), help);
    assertTrue(help.contains("Default: vae-py"), help);
    assertTrue(help.contains("seed003 (mnist, 50 epochs, batch 128, 784-256-2, mse, mean"), help);
  }

  @Test
  void badOptionsAreClearErrors() {
    CliRun.Output r = run("--reconstruction", "l1");
    assertEquals(Cli.USER_ERROR, r.code());
    assertTrue(r.err().contains("unknown reconstruction loss 'l1': use bce or mse"), r.err());
    r = run("--preset", "seed9");
    assertTrue(r.err().contains("unknown preset 'seed9'"), r.err());
    r = run("--adam-betas", "0.5");
    assertTrue(r.err().contains("--adam-betas takes two numbers"), r.err());
  }
}
