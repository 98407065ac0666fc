package org.genmodels.cvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.model.TrainingReport;
import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run and an experiment write and say, and how bad input is reported. */
class CvaeCommandTest {
  @TempDir
  Path tmp;

  private static CliRun.Output run(String... args) {
    return CliRun.run(new CvaeCommand(), args);
  }

  private static BufferedImage read(Path file) throws IOException {
    assertTrue(Files.isRegularFile(file), file + " exists");
    return ImageIO.read(file.toFile());
  }

  private static void assertSize(int width, int height, Path file) throws IOException {
    BufferedImage image = read(file);
    assertEquals(width, image.getWidth(), file.toString());
    assertEquals(height, image.getHeight(), file.toString());
  }

  @Test
  void conditionalRunWritesTheSeedsFigures() throws IOException {
    Path out = tmp.resolve("run");
    CvaeCommand command = new CvaeCommand();
    CliRun.Output r = CliRun.run(command, "--epochs", "1", "--train-limit", "1280", "--data-dir",
        TestData.mnistDir().toString(), "--output", out.toString(), "--log-every", "0", "--manifold-digits", "2,5",
        "--judge-images", "0");
    assertEquals(0, r.code(), r.err());
    TrainingReport report = command.report();
    assertEquals(List.of("generated_epoch_1.png", "learning_curve.png", "mean_scatter.png", "std_scatter.png",
        "manifold_digit2.png", "manifold_digit5.png", "noise_vs_posterior.png", "history.csv", "checkpoint"),
        report.files().stream().map(f -> f.getFileName().toString()).toList());
    assertEquals(1280, ((CvaeSettings) report.settings()).trainLimit());
    assertEquals(report.history().get(0).test().loss(), report.test().loss());
    assertEquals(report.test().get("rec") + report.test().get("kl"), report.test().loss(), 1e-2,
        "the loss: squared error + KL per image");
    assertEquals(Map.of(), report.scores(), "--judge-images 0: no label accuracy");
    assertSize(20 * 28, 10 * 28, out.resolve("generated_epoch_1.png"));
    assertSize(800, 700, out.resolve("mean_scatter.png"));
    assertSize(800, 700, out.resolve("std_scatter.png"));
    assertSize(20 * 28, 20 * 28, out.resolve("manifold_digit2.png"));
    assertSize(20 * 28, 20 * 28, out.resolve("manifold_digit5.png"));
    assertTrue(Files.notExists(out.resolve("manifold_digit0.png")));
    assertSize(10 * 28, 2 * 28, out.resolve("noise_vs_posterior.png"));
    assertSize(800, 600, out.resolve("learning_curve.png"));
    assertTrue(r.out().contains("Epoch 1/1  train: loss "), r.out());
    assertTrue(r.out().contains("conditional conv VAE, latent 2, 141,365 trainable parameters"), r.out());
  }

  @Test
  void unconditionalRunDrawsOneManifold() throws IOException {
    Path out = tmp.resolve("plain");
    CvaeCommand command = new CvaeCommand();
    CliRun.Output r = CliRun.run(command, "--unconditional", "--epochs", "1", "--train-limit", "640", "--data-dir",
        TestData.mnistDir().toString(), "--output", out.toString(), "--log-every", "0");
    assertEquals(0, r.code(), r.err());
    assertTrue(command.report().files().contains(out.resolve("manifold.png")), command.report().files().toString());
    assertEquals(Map.of(), command.report().scores(), "the unconditional model is not judged");
    assertSize(20 * 28, 20 * 28, out.resolve("manifold.png"));
    assertTrue(Files.notExists(out.resolve("manifold_digit2.png")));
  }

  @Test
  void twoImageExperimentDecodesAGridAroundTheirMeans() throws IOException {
    CliRun.Output r = run("--epochs", "5", "--data-dir", TestData.mnistDir().toString(), "--output",
        tmp.toString(), "--log-every", "0", "experiment", "--images", "5,25");
    assertEquals(0, r.code(), r.err());
    Path dir = tmp.resolve("experiment_5_25");
    assertSize(20 * 28, 20 * 28, dir.resolve("grid.png"));
    assertSize(2 * 28, 28, dir.resolve("trained_on.png"));
    assertTrue(r.out().contains("Means of images [5, 25]"), r.out());
    assertTrue(r.out().contains("\nengine: TensorFlow ") && r.out().contains("oneDNN "), r.out());
  }

  @Test
  void badOptionsAreClearErrors() {
    CliRun.Output r = run("--latent", "1");
    assertEquals(Cli.USER_ERROR, r.code());
    assertTrue(r.err().contains("the latent needs at least two dimensions"), r.err());
    r = run("--manifold-digits", "2,12");
    assertEquals(Cli.USER_ERROR, r.code());
    assertTrue(r.err().contains("manifold digits must lie in 0..9, got 12"), r.err());
    r = run("--data-dir", TestData.mnistDir().toString(), "--output", tmp.toString(), "experiment", "--images",
        "60000");
    assertEquals(Cli.USER_ERROR, r.code());
    assertTrue(r.err().contains("60000 is not a training image index"), r.err());
  }

  @Test
  void helpStatesTheSeedsDefaults() {
    String help = run("--help").flatOut();
    assertTrue(help.contains("--lr=RATE") && help.contains("Default: 1.0E-4"), help);
    assertTrue(help.contains("Default: 900"), help);
    assertTrue(help.contains("Default: 64"), help);
  }

  @Test
  void versionAndHelpSayEachThingOnce() {
    assertTrue(CliRun.run(new CvaeCommand(), "-V").out().startsWith("genmodels "));
    assertEquals(java.util.List.of(), org.genmodels.shared.testing.HelpText.defaultsStatedTwice(new CvaeCommand()));
  }
}
