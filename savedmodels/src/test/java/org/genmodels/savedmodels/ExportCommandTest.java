package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genmodels.ae.AutoencoderCommand;
import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.FileHashes;
import org.genmodels.shared.testing.TestData;
import org.genmodels.vae.VaeCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code savedmodels export} on the checkpoints the training commands write, and the embedding
 * API on both: the export and the checkpoint give the same numbers.
 */
class ExportCommandTest {
  private static final Set<String> EXPORT_FILES = Set.of("saved_model.pb", "variables", "variables/variables.index",
      "variables/variables.data-00000-of-00001");

  @TempDir
  Path tmp;

  /** Holds {@code vae/}, a finished VAE run: its pictures and {@code best_model/}. */
  @TempDir
  static Path runs;
  private static Path vaeRun;

  @BeforeAll
  static void trainAVae() {
    vaeRun = runs.resolve("vae");
    CliRun.Output trained = CliRun.run(new VaeCommand(), "--dataset", "mnist", "--data-dir", TestData.mnistDir().toString(),
        "--epochs", "1", "--hidden", "32", "--latent", "2", "--iwae-samples", "0", "--output", vaeRun.toString(),
        "--no-progress");
    assertEquals(0, trained.code(), trained.err());
  }

  @Test
  void exportsTheCheckpointOfAnAutoencoderRun() {
    Path run = tmp.resolve("ae");
    CliRun.Output trained = CliRun.run(new AutoencoderCommand(), "--dataset", "mnist", "--data-dir",
        TestData.mnistDir().toString(), "--epochs", "1", "--hidden", "48,24", "--code-size", "6", "--output",
        run.toString(), "--no-progress");
    assertEquals(0, trained.code(), trained.err());
    Path export = tmp.resolve("export");
    CliRun.Output out = CliRun.run(new SavedModelsMain(), "export", "--checkpoint", run.resolve("checkpoint").toString(),
        "--model", "ae", "--output", export.toString());
    assertEquals(0, out.code(), out.err());
    assertTrue(out.out().contains("Exported AutoencoderServing[hiddenSizes=[48, 24], codeSize=6]"), out.out());
    assertTrue(out.out().matches("(?s).*encode +\\[x float32 \\[-1, 784]] -> \\[code float32 \\[-1, 6]].*"), out.out());
    float[][] x = Trained.unitImages(5);
    try (EmbeddedAutoencoder fromExport = EmbeddedAutoencoder.load(export);
         EmbeddedAutoencoder fromCheckpoint = EmbeddedAutoencoder.load(run.resolve("checkpoint"))) {
      assertArrayEquals(Trained.flat(fromCheckpoint.reconstruct(x)), Trained.flat(fromExport.reconstruct(x)), 0f);
    }
    CliRun.Output wrong = CliRun.run(new SavedModelsMain(), "export", "--checkpoint",
        run.resolve("checkpoint").toString(), "--model", "vae", "--output", tmp.resolve("other").toString());
    assertEquals(2, wrong.code());
    assertTrue(wrong.err().contains("holds a dense autoencoder checkpoint, not a dense VAE"), wrong.err());
  }

  @Test
  void exportsTheBestModelOfAVaeRun() {
    Path export = tmp.resolve("export");
    CliRun.Output out = CliRun.run(new SavedModelsMain(), "export", "--checkpoint",
        vaeRun.resolve("best_model").toString(), "--output", export.toString());
    assertEquals(0, out.code(), out.err());
    assertTrue(out.out().matches("(?s).*sample +\\[count int32 \\[], seed int64 \\[]] -> \\[images float32 \\[-1, 784]].*"),
        out.out());
    try (EmbeddedVae fromExport = EmbeddedVae.load(export); EmbeddedVae fromCheckpoint = EmbeddedVae.load(
        vaeRun.resolve("best_model"))) {
      assertEquals(2, fromExport.latentSize());
      assertArrayEquals(Trained.flat(fromCheckpoint.sample(9, 4L)), Trained.flat(fromExport.sample(9, 4L)), 0f);
    }
  }

  /**
   * A Gaussian-decoder VAE (seed 003's mse): the checkpoint says so, the export and the embedding
   * API take it from there, and an option that says otherwise is refused by name.
   */
  @Test
  void theCheckpointSaysWhichDecoderAVaeHas() {
    Path run = tmp.resolve("mse");
    CliRun.Output trained = CliRun.run(new VaeCommand(), "--preset", "seed003", "--data-dir",
        TestData.mnistDir().toString(), "--epochs", "1", "--hidden", "16", "--iwae-samples", "0", "--output",
        run.toString(), "--no-progress", "--log-every", "0");
    assertEquals(0, trained.code(), trained.err());
    Path export = tmp.resolve("export");
    CliRun.Output out = CliRun.run(new SavedModelsMain(), "export", "--checkpoint",
        run.resolve("checkpoint").toString(), "--output", export.toString());
    assertEquals(0, out.code(), out.err());
    assertTrue(out.out().contains("VaeServing[hiddenSize=16, latentSize=2, likelihood=GAUSSIAN]"), out.out());
    float[][] z = {{0.5f, -1f}};
    try (EmbeddedVae vae = EmbeddedVae.load(run.resolve("best_model"))) {
      float[] image = vae.decode(z)[0];
      boolean outsideUnit = false;
      for (float v : image) {
        outsideUnit |= v < 0 || v > 1;
      }
      // a Gaussian decoder's output is the image itself; a Bernoulli one's would be squashed into (0, 1)
      assertTrue(outsideUnit, "the decoder is read as Gaussian");
    }
    CliRun.Output contradiction = CliRun.run(new SavedModelsMain(), "export", "--checkpoint",
        run.resolve("checkpoint").toString(), "--reconstruction", "bce", "--output", tmp.resolve("x").toString());
    assertEquals(2, contradiction.code());
    assertTrue(contradiction.err().contains("--reconstruction sets reconstruction bce, the checkpoint's run has mse"),
        contradiction.err());
  }

  /**
   * The data loss: {@code --output} the run folder holding the checkpoint being exported
   * (or that checkpoint, or a folder inside it, or a link to the run folder) deleted it. Refused,
   * with or without {@code --force}, and not a byte changes.
   */
  @Test
  void anExportOverTheCheckpointOrAFolderHoldingItIsRefusedEvenWithForce() throws IOException {
    Path link = Files.createSymbolicLink(tmp.resolve("link"), vaeRun);
    Map<String, String> before = FileHashes.of(runs);
    assertTrue(before.containsKey("vae/best_model/variables.index"), before.toString());
    assertTrue(before.containsKey("vae/learning_curve.png"), before.toString());
    Path checkpoint = vaeRun.resolve("best_model");
    Map<Path, String> why = Map.of(vaeRun, "holds the checkpoint being exported",
        link, "holds the checkpoint being exported",
        checkpoint, "is the checkpoint being exported",
        checkpoint.resolve("export"), "is inside the checkpoint being exported");
    for (boolean force : new boolean[] {false, true}) {
      for (Map.Entry<Path, String> output : why.entrySet()) {
        CliRun.Output out = force ? export(checkpoint, output.getKey(), "--force") : export(checkpoint, output.getKey());
        assertEquals(2, out.code(), output + " " + force + ": " + out.out() + out.err());
        assertTrue(out.err().contains("--output " + output.getKey() + " " + output.getValue()), out.err());
        assertTrue(out.err().contains("give another --output"), out.err());
        assertEquals(before, FileHashes.of(runs), "the run folder is byte-identical after " + output + " " + force);
      }
    }
    CliRun.Output dotted = export(vaeRun.resolve("..").resolve("vae").resolve("best_model"), vaeRun, "--force");
    assertEquals(2, dotted.code(), dotted.err());
    assertTrue(dotted.err().contains("holds the checkpoint being exported"), dotted.err());
    assertEquals(before, FileHashes.of(runs));
  }

  /** A folder that is not an export is named and left alone; {@code --force} replaces it. */
  @Test
  void aFolderThatIsNotAnExportIsRefusedUnlessForced() throws IOException {
    Path project = tmp.resolve("project");
    Files.createDirectories(project.resolve("src"));
    Files.writeString(project.resolve("src").resolve("Main.java"), "class Main {}\n");
    Files.writeString(project.resolve("README"), "notes\n");
    Map<String, String> before = FileHashes.of(tmp);
    CliRun.Output refused = export(vaeRun.resolve("best_model"), project);
    assertEquals(2, refused.code(), refused.out() + refused.err());
    assertTrue(refused.err().contains(project + " holds 2 entries (README, src/)"), refused.err());
    assertTrue(refused.err().contains("not a SavedModel export (saved_model.pb, variables/), which has no README"),
        refused.err());
    assertTrue(refused.err().contains("give another --output, or --force to replace it"), refused.err());
    assertEquals(before, FileHashes.of(tmp), "the refused folder and its siblings are byte-identical");

    CliRun.Output forced = export(vaeRun.resolve("best_model"), project, "--force");
    assertEquals(0, forced.code(), forced.err());
    assertEquals(EXPORT_FILES, FileHashes.of(project).keySet());
    try (var siblings = Files.list(tmp)) {
      assertEquals(List.of(project), siblings.toList(), "no temporary or set-aside folder is left");
    }
  }

  /** What the project wrote is replaced without {@code --force}: an earlier export, an empty folder. */
  @Test
  void anEarlierExportOrAnEmptyFolderIsReplaced() throws IOException {
    Path export = Files.createDirectories(tmp.resolve("empty"));
    CliRun.Output first = export(vaeRun.resolve("best_model"), export);
    assertEquals(0, first.code(), first.err());
    Map<String, String> exported = new java.util.TreeMap<>(FileHashes.of(export));
    assertEquals(EXPORT_FILES, exported.keySet());
    Files.delete(export.resolve("saved_model.pb"));
    CliRun.Output again = export(vaeRun.resolve("best_model"), export);
    assertEquals(0, again.code(), again.err());
    Map<String, String> replaced = new java.util.TreeMap<>(FileHashes.of(export));
    assertEquals(EXPORT_FILES, replaced.keySet());
    replaced.remove("saved_model.pb");
    exported.remove("saved_model.pb");
    assertEquals(exported, replaced, "the same checkpoint exports to the same variables");
  }

  private static CliRun.Output export(Path checkpoint, Path output, String... more) {
    List<String> args = new ArrayList<>(List.of("export", "--checkpoint", checkpoint.toString(), "--output",
        output.toString()));
    args.addAll(List.of(more));
    return CliRun.run(new SavedModelsMain(), args.toArray(String[]::new));
  }

  @Test
  void benchmarkReportsLatencyAndThroughputPerModel() {
    CliRun.Output out = CliRun.run(new SavedModelsMain(), "benchmark", "--calls", "40", "--batch", "16",
        "--batch-calls", "2", "--warmup", "4");
    assertEquals(0, out.code(), out.err());
    for (String model : new String[] {"ae (code 20)", "vae (latent 10)", "cvae conditional (latent 2)",
        "cvae unconditional (latent 2)"}) {
      assertTrue(out.out().matches("(?s).*\\n" + java.util.regex.Pattern.quote(model)
          + " +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9]+\\n.*"), out.out());
    }
    assertTrue(out.out().contains("p50 ms") && out.out().contains("images/s @16"), out.out());
    assertTrue(out.out().startsWith("engine: TensorFlow 2.18.0, oneDNN off (TF_ENABLE_ONEDNN_OPTS=0), float32 convs on ")
        && out.out().contains("; CPU "), out.out());
  }
}
