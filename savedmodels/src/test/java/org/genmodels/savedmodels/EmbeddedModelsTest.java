package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.genmodels.ae.Autoencoder;
import org.genmodels.cvae.Cvae;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.train.Checkpoints;
import org.genmodels.vae.Vae;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding API on exports and on training checkpoints: the same numbers as the trained
 * model's own facade, clear errors for wrong sizes, labels, directories and closed models.
 */
class EmbeddedModelsTest {
  private static final int N = 10;

  @TempDir
  Path tmp;

  @Test
  void autoencoderFromAnExportAndFromACheckpoint() throws IOException {
    float[][] x = Trained.unitImages(N);
    try (Autoencoder ae = Trained.autoencoder()) {
      ModelExport.export(ae, tmp.resolve("export"));
      Checkpoints.save(ae.session(), tmp.resolve("checkpoint"));
      float[] codes = ae.encode(Trained.flat(x), N);
      for (Path dir : new Path[] {tmp.resolve("export"), tmp.resolve("checkpoint")}) {
        try (EmbeddedAutoencoder api = EmbeddedAutoencoder.load(dir)) {
          assertEquals(8, api.codeSize());
          assertArrayEquals(codes, Trained.flat(api.encode(x)), 0f, dir.toString());
          assertArrayEquals(ae.decode(codes, N), Trained.flat(api.decode(Trained.rows(codes, N))), 0f);
          assertArrayEquals(ae.reconstruct(Trained.flat(x), N), Trained.flat(api.reconstruct(x)), 0f);
        }
      }
      try (EmbeddedAutoencoder api = EmbeddedAutoencoder.fromCheckpoint(tmp.resolve("checkpoint"), ae.settings())) {
        assertArrayEquals(codes, Trained.flat(api.encode(x)), 0f);
      }
      UserException other = assertThrows(UserException.class, () -> EmbeddedAutoencoder.fromCheckpoint(
          tmp.resolve("checkpoint"),
          ae.settings().toBuilder().hiddenSizes(java.util.List.of(64, 32)).codeSize(4).build()));
      assertTrue(other.getMessage().contains("encoder/code/kernel is [32, 8] in the checkpoint"), other.getMessage());
    }
  }

  @Test
  void vaeSamplesAsTheTrainedModelDoes() throws IOException {
    float[][] x = Trained.unitImages(N);
    try (Vae vae = Trained.vae()) {
      Checkpoints.save(vae.session(), tmp.resolve("best_model"));
      try (EmbeddedVae api = EmbeddedVae.load(tmp.resolve("best_model"))) {
        assertEquals(4, api.latentSize());
        Vae.Encoding e = vae.encode(Trained.flat(x), N);
        EmbeddedVae.Encoding mine = api.encode(x);
        assertArrayEquals(e.mean(), Trained.flat(mine.mean()), 0f);
        assertArrayEquals(e.logVar(), Trained.flat(mine.logVar()), 0f);
        assertArrayEquals(vae.decode(e.mean(), N), Trained.flat(api.decode(mine.mean())), 0f);
        assertArrayEquals(vae.reconstruct(Trained.flat(x), N), Trained.flat(api.reconstruct(x)), 0f);
        assertArrayEquals(vae.sample(16, 7L), Trained.flat(api.sample(16, 7L)), 0f);
        assertEquals(0, api.sample(0, 7L).length);
      }
    }
  }

  @Test
  void conditionalVaeGeneratesAsTheTrainedModelDoes() throws IOException {
    float[][] x = Trained.symmetricImages(N);
    int[] labels = Trained.labels(N);
    try (Cvae cvae = Trained.cvae(true)) {
      Checkpoints.save(cvae.session(), tmp.resolve("checkpoint"));
      try (EmbeddedCvae api = EmbeddedCvae.load(tmp.resolve("checkpoint"))) {
        assertTrue(api.isConditional());
        Cvae.Encoding e = cvae.encode(Trained.flat(x), labels, N);
        assertArrayEquals(e.mean(), Trained.flat(api.encode(x, labels).mean()), 0f);
        assertArrayEquals(cvae.decode(e.mean(), labels, N), Trained.flat(api.reconstruct(x, labels)), 0f);
        assertArrayEquals(cvae.generate(3, 6, 11L), Trained.flat(api.generate(3, 6, 11L)), 0f);
        assertThrows(IllegalStateException.class, () -> api.sample(2, 1L));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> api.decode(
            Trained.rows(e.mean(), N), null));
        assertTrue(missing.getMessage().contains("one label per row: 10 rows, no labels"), missing.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> api.generate(10, 2, 1L));
        assertTrue(range.getMessage().contains("label 0 is 10"), range.getMessage());
      }
    }
  }

  @Test
  void unconditionalConvVaeSamplesLikeItsExport() throws IOException {
    try (Cvae cvae = Trained.cvae(false)) {
      ModelExport.export(cvae, tmp.resolve("export"));
      Checkpoints.save(cvae.session(), tmp.resolve("checkpoint"));
    }
    try (EmbeddedCvae fromExport = EmbeddedCvae.load(tmp.resolve("export"));
         EmbeddedCvae fromCheckpoint = EmbeddedCvae.load(tmp.resolve("checkpoint"));
         EmbeddedSampler sampler = EmbeddedSampler.load(tmp.resolve("export"))) {
      float[][] a = fromExport.sample(5, 3L);
      assertArrayEquals(Trained.flat(a), Trained.flat(fromCheckpoint.sample(5, 3L)), 0f);
      assertArrayEquals(Trained.flat(a), Trained.flat(sampler.sample(5, 3L)), 0f);
      assertArrayEquals(new long[] {28, 28, 1}, sampler.imageShape());
      assertEquals(784, a[0].length);
      assertThrows(IllegalStateException.class, () -> fromExport.generate(1, 2, 3L));
      float[][] x = Trained.symmetricImages(3);
      assertArrayEquals(Trained.flat(fromExport.encode(x, null).mean()), Trained.flat(fromCheckpoint.encode(x, null).mean()), 0f);
    }
  }

  @Test
  void clearErrorsForWrongSizesDirectoriesKindsAndClosedModels() throws IOException {
    try (Autoencoder ae = Trained.autoencoder()) {
      ModelExport.export(ae, tmp.resolve("ae"));
    }
    EmbeddedAutoencoder api = EmbeddedAutoencoder.load(tmp.resolve("ae"));
    float[][] x = Trained.unitImages(3);
    x[2] = new float[780];
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> api.encode(x));
    assertEquals("image 2 has 780 values; the model takes 784 values per image (row-major)", size.getMessage());
    IllegalArgumentException code = assertThrows(IllegalArgumentException.class, () -> api.decode(new float[1][3]));
    assertTrue(code.getMessage().startsWith("code 0 has 3 values; the model takes 8 values"), code.getMessage());
    api.close();
    IllegalStateException closed = assertThrows(IllegalStateException.class, () -> api.decode(new float[1][8]));
    assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
    api.close();

    UserException none = assertThrows(UserException.class, () -> EmbeddedVae.load(tmp.resolve("missing")));
    assertTrue(none.getMessage().startsWith("no model directory"), none.getMessage());
    UserException kind = assertThrows(UserException.class, () -> EmbeddedVae.load(tmp.resolve("ae")));
    assertTrue(kind.getMessage().contains("is not a dense VAE export: it lacks the signatures [sample]"),
        kind.getMessage());
  }
}
