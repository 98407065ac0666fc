package org.genmodels.ae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.model.ModelPlugins;
import org.genmodels.shared.model.TrainingCommand;
import org.genmodels.shared.model.TrainingReport;
import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.HelpText;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.train.EpochResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: what a run writes, what --help says, how bad input is reported. */
class AutoencoderCommandTest {
  @TempDir
  Path tmp;

  private static CliRun.Output run(String... args) {
    return CliRun.run(new AutoencoderCommand(), args);
  }

  /** Runs the command, expecting exit code 0, and returns its report. */
  private static TrainingReport train(String... args) {
    AutoencoderCommand command = new AutoencoderCommand();
    CliRun.Output r = CliRun.run(command, args);
    assertEquals(0, r.code(), r.err());
    return command.report();
  }

  /** Column {@code name} of {@code history.csv}'s row for {@code epoch}. */
  private static String historyCell(Path output, int epoch, String name) throws IOException {
    List<String> lines = Files.readAllLines(output.resolve("history.csv"));
    int column = List.of(lines.get(0).split(",")).indexOf(name);
    return lines.stream().skip(1).filter(l -> l.startsWith(epoch + ",")).findFirst().orElseThrow().split(",")[column];
  }

  @Test
  void oneEpochWritesTheReconstructionPicture() throws IOException {
    Path output = tmp.resolve("run");
    AutoencoderCommand command = new AutoencoderCommand();
    CliRun.Output r = CliRun.run(command, "--dataset", "mnist", "--data-dir", TestData.mnistDir().toString(),
        "--epochs", "1", "--output", output.toString(), "--log-every", "50");
    assertEquals(0, r.code(), r.err());
    TrainingReport report = command.report();
    assertEquals(1, report.history().size());
    assertEquals(output, report.outputDir());
    assertEquals(List.of(output.resolve("rec_epoch_1.png"), output.resolve("history.csv"),
        output.resolve("checkpoint")), report.files());
    BufferedImage picture = ImageIO.read(report.files().get(0).toFile());
    assertEquals(564, picture.getWidth());
    assertEquals(280, picture.getHeight());
    // the report's test loss is the one history.csv keeps for the epoch
    assertEquals(Double.parseDouble(historyCell(output, 1, "test_loss")), report.test().loss(), 1e-6);
    assertEquals(report.history().get(0).test().loss(), report.test().loss());
    AutoencoderSettings s = (AutoencoderSettings) report.settings();
    assertEquals(1, s.epochs());
    assertEquals(512, s.batchSize());
    // the printed lines, as an example of the output
    assertTrue(r.out().contains("AutoencoderSettings: dataset=mnist epochs=1 batchSize=512"), r.out());
    assertTrue(r.out().contains("epoch   1  step   50  loss "), r.out());
    assertTrue(r.out().contains("Epoch 1/1  train: loss "), r.out());
    assertTrue(r.out().contains(String.format(Locale.ROOT, "Done: 1 epochs of MNIST in %.1f s; test BCE %.4f",
        report.seconds(), report.test().loss())), r.out());
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
  void dataDirThatDoesNotExistIsAnErrorNamingIt() {
    Path missing = tmp.resolve("no-such-dir");
    Path output = tmp.resolve("run");
    CliRun.Output r = run("--data-dir", missing.toString(), "--epochs", "1", "--output", output.toString());
    assertEquals(Cli.USER_ERROR, r.code(), r.out());
    assertTrue(r.err().contains("error: The data path " + missing + " (--data-dir) does not exist."), r.err());
    assertFalse(r.out().contains("Fashion-MNIST: "), r.out());
    assertFalse(Files.exists(output.resolve("rec_epoch_1.png")));
  }

  @Test
  void helpListsTheDataPlacesInOrder() {
    String help = run("--help").flatOut();
    int given = help.indexOf("A given PATH must hold the data set; nothing else is tried");
    int env = help.indexOf("1. $GENMODELS_DATA/mnist or $GENMODELS_DATA/fashion-mnist");
    int keras = help.indexOf("2. Keras' cache");
    int debian = help.indexOf("3. Debian's /usr/share/datasets/fashion-mnist");
    int download = help.indexOf("4. a download");
    assertTrue(given >= 0 && given < env && env < keras && keras < debian && debian < download, help);
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

  private static byte[] checkpointVariables(Path output) throws IOException {
    try (var files = Files.list(output.resolve("checkpoint"))) {
      return Files.readAllBytes(files.filter(f -> f.getFileName().toString().startsWith("variables.data-"))
          .findFirst().orElseThrow());
    }
  }

  @Test
  void aResumedRunEndsAsAnUninterruptedOne() throws IOException {
    String data = TestData.mnistDir().toString();
    Path whole = tmp.resolve("whole");
    TrainingReport uninterrupted = train("--dataset", "mnist", "--data-dir", data, "--epochs", "2", "--output",
        whole.toString(), "--log-every", "0", "--checkpoint-every", "100");
    Path parts = tmp.resolve("parts");
    CliRun.Output r = run("--dataset", "mnist", "--data-dir", data, "--epochs", "1", "--output", parts.toString(),
        "--log-every", "0", "--checkpoint-every", "100");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("checkpoint of global step 118 in "), r.out());
    // the epoch-1 checkpoint continued with a longer schedule: the second epoch of the whole run
    AutoencoderCommand command = new AutoencoderCommand();
    r = CliRun.run(command, "--dataset", "mnist", "--data-dir", data, "--epochs", "2", "--output", parts.toString(),
        "--log-every", "0", "--checkpoint-every", "100", "--resume");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("resuming at epoch 2, step 0 of 118 (global step 118)"), r.out());
    TrainingReport resumed = command.report();
    assertEquals(List.of(2), resumed.history().stream().map(EpochResult::epoch).toList());
    assertEquals(List.of(parts.resolve("rec_epoch_2.png"), parts.resolve("history.csv"),
        parts.resolve("checkpoint")), resumed.files());
    assertTrue(Files.exists(parts.resolve("rec_epoch_2.png")));
    assertArrayEquals(checkpointVariables(whole), checkpointVariables(parts));
    // epoch 2, bitwise: it resumed at step 0, so its train metrics average the whole epoch too
    assertEquals(uninterrupted.history().get(1).train().loss(), resumed.history().get(0).train().loss());
    assertEquals(uninterrupted.test().loss(), resumed.test().loss());

    assertEquals(3, Files.readAllLines(parts.resolve("history.csv")).size(), "header and epochs 1 and 2");
    assertEquals(historyCell(whole, 2, "train_loss"), historyCell(parts, 2, "train_loss"), "epoch 2's, bitwise");

    r = run("--dataset", "mnist", "--data-dir", data, "--epochs", "2", "--output", parts.toString(),
        "--hidden", "64", "--resume");
    assertEquals(Cli.USER_ERROR, r.code());
    assertTrue(r.err().contains("was trained with other settings: --hidden sets hidden 64, the checkpoint's run has"
        + " 256,128"), r.err());
  }

  @Test
  void aResumeTakesTheNetworkFromTheCheckpoint() {
    String data = TestData.mnistDir().toString();
    Path out = tmp.resolve("small");
    train("--dataset", "mnist", "--data-dir", data, "--epochs", "1", "--output", out.toString(), "--log-every", "0",
        "--hidden", "32", "--code-size", "4", "--lr", "0.002");
    // the command as the tools that handle every model find it
    TrainingCommand<?> command = ModelPlugins.named("ae").trainingCommand();
    CliRun.Output r = CliRun.run(command, "--dataset", "mnist", "--data-dir", data, "--epochs", "2", "--output",
        out.toString(), "--log-every", "0", "--resume");
    assertEquals(0, r.code(), r.err());
    AutoencoderSettings s = (AutoencoderSettings) command.report().settings();
    assertEquals(List.of(32), s.hiddenSizes());
    assertEquals(4, s.codeSize());
    assertEquals(0.002f, s.learningRate());
    assertEquals(2, command.report().history().get(0).epoch());
    assertTrue(r.out().contains("resuming from " + out.resolve("checkpoint").toAbsolutePath() + " (global step 118)")
        || r.out().contains("resuming from " + out.resolve("checkpoint") + " (global step 118)"), r.out());
  }

  @Test
  void versionAndHelpSayEachThingOnce() {
    CliRun.Output v = run("-V");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("genmodels "), v.out());
    assertEquals(List.of(), HelpText.defaultsStatedTwice(new AutoencoderCommand()));
  }

  @Test
  void helpExplainsCheckpointsAndResuming() {
    String help = run("--help").flatOut();
    assertTrue(help.contains("--checkpoint-every=N Steps between checkpoints in <output>/checkpoint"), help);
    assertTrue(help.contains("Default: 500"), help);
    assertTrue(help.contains("--resume Continue the run"), help);
  }
}
