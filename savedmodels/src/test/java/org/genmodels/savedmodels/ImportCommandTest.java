package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.FileHashes;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.train.ModelConfig;
import org.genmodels.vae.VaeCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code savedmodels import}: a PyTorch-trained VAE becomes a checkpoint that the VAE command
 * resumes and {@code export} exports; the Paddle CVAE's two files; and the bad input the issue
 * lists, each refused with nothing on disk changed.
 */
class ImportCommandTest {
  @TempDir
  Path tmp;

  private static Path fixture(String path) {
    return TestData.sharedDir().resolve("fixtures").resolve(path);
  }

  private static CliRun.Output run(String... args) {
    return CliRun.run(new SavedModelsMain(), args);
  }

  @Test
  void aPytorchVaeImportsTrainsOnAndExports() {
    Path out = tmp.resolve("vae");
    CliRun.Output imported = run("import", fixture("pytorch/seed004_vae/best_model_mnist").toString(), "--model", "vae",
        "--output", out.toString());
    assertEquals(0, imported.code(), imported.err());
    assertTrue(imported.out().contains("Checkpoint (step 0) in " + out.resolve("checkpoint").toAbsolutePath()),
        imported.out());
    ModelConfig c = ModelConfig.read(out.resolve("checkpoint")).orElseThrow();
    assertEquals(256, c.getInt("hidden"));
    assertEquals(2, c.getInt("latent"));
    assertEquals("bce", c.get("reconstruction"));

    // the VAE command continues from it, its settings read from the checkpoint
    CliRun.Output resumed = CliRun.run(new VaeCommand(), "--output", out.toString(), "--resume", "--epochs", "1",
        "--data-dir", TestData.mnistDir().toString(), "--iwae-samples", "0", "--log-every", "0", "--no-progress");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().contains("resuming from " + out.resolve("checkpoint") + " (global step 0)"), resumed.out());
    assertTrue(resumed.out().contains("Epoch 1/1"), resumed.out());
    assertTrue(resumed.out().contains("hiddenSize=256 latentSize=2"), resumed.out());

    CliRun.Output exported = run("export", "--checkpoint", out.resolve("checkpoint").toString(), "--output",
        tmp.resolve("export").toString());
    assertEquals(0, exported.code(), exported.err());
    assertTrue(exported.out().contains("VaeServing[hiddenSize=256, latentSize=2, likelihood=BERNOULLI]"),
        exported.out());
  }

  @Test
  void aPytorchDdpmImportsAndSamplesFromJava() {
    Path out = tmp.resolve("ddpm");
    CliRun.Output imported = run("import", fixture("pytorch/seed004_ddpm_cpu/model.pt").toString(), "--model",
        "diffusion", "--output", out.toString());
    assertEquals(0, imported.code(), imported.err());
    ModelConfig c = ModelConfig.read(out.resolve("checkpoint")).orElseThrow();
    assertEquals(java.util.List.of(32, 64, 128), c.getInts("widths"));
    assertEquals(300, c.getInt("timesteps"));
    CliRun.Output sampled = CliRun.run(new org.genmodels.diffusion.DiffusionCommand(), "--output", out.toString(),
        "--fid-images", "0", "sample", "--images", "2", "--seed", "3");
    assertEquals(0, sampled.code(), sampled.err());
    assertTrue(java.nio.file.Files.isRegularFile(out.resolve("sample_seed3.png")));
    CliRun.Output exported = run("export", "--checkpoint", out.resolve("checkpoint").toString(), "--output",
        tmp.resolve("export").toString());
    assertEquals(0, exported.code(), exported.err());
    assertTrue(exported.out().contains("sample "), exported.out());
  }

  @Test
  void thePaddleCvaeTakesItsEncoderThenItsDecoder() throws IOException {
    Path out = tmp.resolve("cvae");
    Path encoder = fixture("pytorch/seed002_cvae_paddle/A_encoder_True.pdparams");
    Path decoder = fixture("pytorch/seed002_cvae_paddle/A_decoder_True.pdparams");
    CliRun.Output imported = run("import", encoder.toString(), decoder.toString(), "--model", "cvae", "--output",
        out.toString());
    assertEquals(0, imported.code(), imported.err());
    try (EmbeddedCvae cvae = EmbeddedCvae.load(out.resolve("checkpoint"))) {
      assertTrue(cvae.isConditional());
      assertEquals(2, cvae.latentSize());
    }
    CliRun.Output one = run("import", encoder.toString(), "--model", "cvae", "--output", tmp.resolve("x").toString());
    assertEquals(2, one.code(), one.err());
    assertTrue(one.err().contains("the conv VAE / CVAE import takes 2 files, got 1: the encoder's .pdparams, then"
        + " the decoder's"), one.err());
  }

  @Test
  void badInputIsRefusedAndNothingOnDiskChanges() throws IOException {
    // an output folder holding something that is no checkpoint
    Path out = tmp.resolve("project");
    Files.createDirectories(out.resolve("checkpoint"));
    Files.writeString(out.resolve("checkpoint").resolve("notes.txt"), "mine\n");
    Map<String, String> before = FileHashes.of(tmp);
    CliRun.Output foreign = run("import", fixture("pytorch/seed004_vae/best_model_mnist").toString(), "--model", "vae",
        "--output", out.toString());
    assertEquals(2, foreign.code(), foreign.err());
    assertTrue(foreign.err().contains(out.resolve("checkpoint") + " holds 1 entry (notes.txt), not a checkpoint"),
        foreign.err());
    assertEquals(before, FileHashes.of(tmp));

    // an .h5 of another model
    CliRun.Output wrong = run("import", fixture("keras_h5/packt_vae_cnn_mnist/vae_cnn_mnist.h5").toString(),
        "--model", "vae", "--output", tmp.resolve("other").toString());
    assertEquals(2, wrong.code(), wrong.err());
    assertTrue(wrong.err().contains("does not fit seed 000's VAE"), wrong.err());
    assertTrue(!Files.exists(tmp.resolve("other").resolve("checkpoint")));

    // a file given as its own output
    Path inside = tmp.resolve("run").resolve("checkpoint");
    Files.createDirectories(inside);
    Path copy = Files.copy(fixture("pytorch/seed004_vae/best_model_mnist"), inside.resolve("best_model_mnist"));
    CliRun.Output self = run("import", copy.toString(), "--model", "vae", "--output", tmp.resolve("run").toString());
    assertEquals(2, self.code(), self.err());
    assertTrue(self.err().contains("the file being imported"), self.err());
    assertTrue(Files.isRegularFile(copy));
  }
}
