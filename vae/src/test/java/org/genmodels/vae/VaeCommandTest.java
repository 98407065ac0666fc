package org.genmodels.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.model.TrainingReport;
import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.train.MetricValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run writes and says, and how it reports bad input. */
class VaeCommandTest {
  @TempDir
  Path tmp;

  private static CliRun.Output run(String... args) {
    return CliRun.run(new VaeCommand(), args);
  }

  /** Runs the command, expecting exit code 0, and returns its report. */
  private static TrainingReport train(String... args) {
    VaeCommand command = new VaeCommand();
    CliRun.Output r = CliRun.run(command, args);
    assertEquals(0, r.code(), r.err());
    return command.report();
  }

  private static BufferedImage read(Path file) throws IOException {
    assertTrue(Files.isRegularFile(file), file + " exists");
    return ImageIO.read(file.toFile());
  }

  @Test
  void seed004RunWritesEveryFigureWithItsSize() throws IOException {
    Path out = tmp.resolve("run");
    VaeCommand command = new VaeCommand();
    CliRun.Output r = CliRun.run(command, "--preset", "seed004", "--epochs", "1", "--data-dir",
        TestData.mnistDir().toString(), "--iwae-samples", "10", "--iwae-images", "200", "--output", out.toString(),
        "--log-every", "0");
    assertEquals(0, r.code(), r.err());
    TrainingReport report = command.report();
    assertEquals(Set.of("sampled_epoch_1.png", "rec_epoch_1.png", "learning_curve.png", "best_model",
        "latent_scatter.png", "manifold.png", "history.csv", "checkpoint"),
        report.files().stream().map(f -> f.getFileName().toString()).collect(Collectors.toSet()));
    assertTrue(report.files().stream().allMatch(f -> f.getParent().equals(out)), report.files().toString());
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
    assertTrue(Files.isRegularFile(out.resolve("checkpoint").resolve("variables.index")));
    assertEquals(2, Files.readAllLines(out.resolve("history.csv")).size());
    assertEquals(List.of("loss", "rec", "kl", "nelbo"), report.test().names());
    assertEquals(report.test().get("rec") + report.test().get("kl"), report.test().loss(), 1e-2,
        "seed 004's loss: reconstruction + KL, beta 1");
    double nll = report.scores().get("nll");
    assertTrue(nll > 0 && report.scores().get("nll_stderr") > 0, report.scores().toString());
    // the printed lines, as an example of the output
    assertTrue(r.out().contains("Epoch 1/1  train: loss "), r.out());
    assertTrue(r.out().contains(" rec ") && r.out().contains(" kl ") && r.out().contains(" nelbo "), r.out());
    assertTrue(r.out().contains(String.format(Locale.ROOT, "negative ELBO %.2f", report.test().get("nelbo"))),
        r.out());
    assertTrue(r.out().contains(String.format(Locale.ROOT, "Test NLL (IWAE, k=10, 200 images): %.2f ± ", nll)),
        r.out());
    assertTrue(r.out().contains("bits per dimension"), r.out());
  }

  /** The number after {@code label} in {@code text}. */
  private static String numberAfter(String text, String label) {
    int at = text.indexOf(label);
    assertTrue(at >= 0, label + " in " + text);
    return text.substring(at + label.length()).trim().split("[ ,]")[0];
  }

  @Test
  void theFinalTestNumbersRepeatTheBestEpochs() {
    Path out = tmp.resolve("once");
    TrainingReport report = train("--preset", "seed004", "--epochs", "1", "--data-dir",
        TestData.mnistDir().toString(), "--iwae-samples", "0", "--output", out.toString(), "--log-every", "0",
        "--hidden", "32");
    MetricValues epoch = report.history().get(0).test();
    // the best epoch's weights restored, z drawn with noise fixed per test image: the same numbers again
    assertEquals(epoch.loss(), report.test().loss(), 1e-6 * Math.abs(epoch.loss()));
    assertEquals(epoch.get("nelbo"), report.test().get("nelbo"), 1e-6 * Math.abs(epoch.get("nelbo")));
    assertEquals(Map.of(), report.scores(), "--iwae-samples 0: no NLL estimate");
  }

  @Test
  void aResumedRunEndsBitwiseAsAnUninterruptedOneWithoutRepeatingThePreset() throws IOException {
    String data = TestData.mnistDir().toString();
    String[] common = {"--data-dir", data, "--iwae-samples", "0", "--log-every", "0", "--hidden", "32",
        "--checkpoint-every", "100"};
    Path whole = tmp.resolve("whole");
    assertEquals(0, run(concat(common, "--preset", "seed004", "--epochs", "2", "--output", whole.toString())).code());
    Path parts = tmp.resolve("parts");
    assertEquals(0, run(concat(common, "--preset", "seed004", "--epochs", "1", "--output", parts.toString())).code());
    // the preset, the hidden width and the data set come from the checkpoint
    VaeCommand command = new VaeCommand();
    CliRun.Output r = CliRun.run(command, "--data-dir", data, "--iwae-samples", "0", "--log-every", "0", "--epochs",
        "2", "--output", parts.toString(), "--resume");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("resuming at epoch 2, step 0 of 469 (global step 469)"), r.out());
    VaeSettings s = (VaeSettings) command.report().settings();
    assertEquals(List.of(DatasetName.MNIST, 2, 128, 32, 2),
        List.of(s.dataset(), s.epochs(), s.batchSize(), s.hiddenSize(), s.latentSize()));
    assertEquals(2, command.report().history().get(0).epoch());
    for (String dir : new String[] {"checkpoint", "best_model"}) {
      assertEquals(java.util.Arrays.hashCode(variables(whole.resolve(dir))),
          java.util.Arrays.hashCode(variables(parts.resolve(dir))), dir);
    }
    CliRun.Output other = run("--data-dir", data, "--epochs", "3", "--output", parts.toString(), "--resume",
        "--latent", "3");
    assertEquals(Cli.USER_ERROR, other.code());
    assertTrue(other.err().contains("--latent sets latent 3, the checkpoint's run has 2"), other.err());
  }

  private static byte[] variables(Path checkpoint) throws IOException {
    try (var files = Files.list(checkpoint)) {
      return Files.readAllBytes(files.filter(f -> f.getFileName().toString().startsWith("variables.data-"))
          .findFirst().orElseThrow());
    }
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void versionAndHelpSayEachThingOnce() {
    assertTrue(run("--version").out().startsWith("genmodels "));
    assertEquals(java.util.List.of(), org.genmodels.shared.testing.HelpText.defaultsStatedTwice(new VaeCommand()));
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
    assertTrue(r.err().contains("unknown value 'l1' for --reconstruction: use bce or mse"), r.err());
    r = run("--preset", "seed9");
    assertTrue(r.err().contains("unknown value 'seed9' for --preset"), r.err());
    r = run("--adam-betas", "0.5");
    assertTrue(r.err().contains("--adam-betas takes two numbers"), r.err());
  }
}
