package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.genmodels.ae.AutoencoderMain;
import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.TestData;
import org.genmodels.vae.VaeMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code savedmodels export} on the checkpoints the training commands write, and the embedding
 * API on both: the export and the checkpoint give the same numbers.
 */
class ExportCommandTest {
  @TempDir
  Path tmp;

  @Test
  void exportsTheCheckpointOfAnAutoencoderRun() {
    Path run = tmp.resolve("ae");
    CliRun.Output trained = CliRun.run(new AutoencoderMain(), "--dataset", "mnist", "--data-dir",
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
    Path run = tmp.resolve("vae");
    CliRun.Output trained = CliRun.run(new VaeMain(), "--dataset", "mnist", "--data-dir", TestData.mnistDir().toString(),
        "--epochs", "1", "--hidden", "32", "--latent", "2", "--iwae-samples", "0", "--output", run.toString(),
        "--no-progress");
    assertEquals(0, trained.code(), trained.err());
    Path export = tmp.resolve("export");
    CliRun.Output out = CliRun.run(new SavedModelsMain(), "export", "--checkpoint",
        run.resolve("best_model").toString(), "--output", export.toString());
    assertEquals(0, out.code(), out.err());
    assertTrue(out.out().matches("(?s).*sample +\\[count int32 \\[], seed int64 \\[]] -> \\[images float32 \\[-1, 784]].*"),
        out.out());
    try (EmbeddedVae fromExport = EmbeddedVae.load(export); EmbeddedVae fromCheckpoint = EmbeddedVae.load(
        run.resolve("best_model"))) {
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
    CliRun.Output trained = CliRun.run(new VaeMain(), "--preset", "seed003", "--data-dir",
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
  }
}
