package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.genmodels.ae.Autoencoder;
import org.genmodels.ae.AutoencoderServing;
import org.genmodels.diffusion.DiffusionSettings;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.train.Checkpoints;
import org.genmodels.vae.Vae;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding API's {@code precision}: a checkpoint served in bf16 computes what the bf16
 * training graph computes, bit for bit; in float32 it differs by bfloat16's rounding only; and a CPU
 * without bfloat16 instructions is refused as the commands refuse it. On such a CPU (this project's
 * machines so far) TensorFlow emulates the bf16 MatMuls, which is slow but gives the same numbers.
 * The conv models' bf16 is TensorFlow's rewrite, which needs oneDNN: {@link EmbeddedRewriteTest}.
 */
class EmbeddedPrecisionTest {
  private static final int N = 10;

  @TempDir
  Path tmp;

  @Test
  void autoencoderServedInBf16IsTheBf16TrainingGraph() throws IOException {
    float[][] x = Trained.unitImages(N);
    try (Autoencoder ae = Trained.autoencoder(Precision.BF16)) {
      Checkpoints.save(ae.session(), tmp.resolve("checkpoint"));
      float[] codes = ae.encode(Trained.flat(x), N);
      float[] images = ae.decode(codes, N);
      try (EmbeddedAutoencoder bf16 = EmbeddedAutoencoder.fromCheckpointOnAnyCpu(tmp.resolve("checkpoint"),
          ae.settings());
           EmbeddedAutoencoder fp32 = EmbeddedAutoencoder.fromCheckpointOnAnyCpu(tmp.resolve("checkpoint"),
               ae.settings().toBuilder().precision(Precision.FP32).build())) {
        assertArrayEquals(codes, Trained.flat(bf16.encode(x)), 0f);
        assertArrayEquals(images, Trained.flat(bf16.decode(Trained.rows(codes, N))), 0f);
        assertRoundingApart(codes, Trained.flat(fp32.encode(x)));
      }
      // the commands print the graph: float32's as before, bf16 named
      assertEquals("AutoencoderServing[hiddenSizes=[64, 32], codeSize=8]", AutoencoderServing.of(ae.settings()).toString());
      assertEquals("AutoencoderServing[hiddenSizes=[64, 32], codeSize=8, precision=BF16]",
          AutoencoderServing.of(ae.settings()).with(Precision.BF16).toString());
    }
  }

  @Test
  void vaeServedInBf16IsTheBf16TrainingGraph() throws IOException {
    float[][] x = Trained.unitImages(N);
    try (Vae vae = Trained.vae(Precision.BF16)) {
      Checkpoints.save(vae.session(), tmp.resolve("checkpoint"));
      float[] mean = vae.encode(Trained.flat(x), N).mean();
      try (EmbeddedVae bf16 = EmbeddedVae.fromCheckpointOnAnyCpu(tmp.resolve("checkpoint"), vae.settings());
           EmbeddedVae fp32 = EmbeddedVae.fromCheckpointOnAnyCpu(tmp.resolve("checkpoint"),
               vae.settings().toBuilder().precision(Precision.FP32).build())) {
        assertArrayEquals(mean, Trained.flat(bf16.encode(x).mean()), 0f);
        assertRoundingApart(mean, Trained.flat(fp32.encode(x).mean()));
      }
    }
  }

  @Test
  void theApiRefusesBf16WhereTheCommandsDo() throws IOException {
    try (Autoencoder ae = Trained.autoencoder()) {
      Checkpoints.save(ae.session(), tmp.resolve("checkpoint"));
      var bf16 = ae.settings().toBuilder().precision(Precision.BF16).build();
      if (CpuFeatures.current().hasBf16()) {
        try (EmbeddedAutoencoder api = EmbeddedAutoencoder.fromCheckpoint(tmp.resolve("checkpoint"), bf16)) {
          assertEquals(8, api.codeSize());
        }
      } else {
        UserException e = assertThrows(UserException.class,
            () -> EmbeddedAutoencoder.fromCheckpoint(tmp.resolve("checkpoint"), bf16));
        assertTrue(e.getMessage().startsWith("--precision bf16 needs a CPU with avx512_bf16 or amx_bf16"),
            e.getMessage());
        assertThrows(UserException.class, () -> EmbeddedVae.fromCheckpoint(tmp.resolve("checkpoint"),
            org.genmodels.vae.VaeSettings.defaults().toBuilder().precision(Precision.BF16).build()));
        assertThrows(UserException.class, () -> EmbeddedCvae.fromCheckpoint(tmp.resolve("checkpoint"),
            org.genmodels.cvae.CvaeSettings.defaults().toBuilder().precision(Precision.BF16).build()));
        assertThrows(UserException.class, () -> EmbeddedSampler.fromCheckpoint(tmp.resolve("checkpoint"),
            DiffusionSettings.defaults().toBuilder().precision(Precision.BF16).build()));
        assertThrows(UserException.class, () -> EmbeddedSampler.load(tmp.resolve("checkpoint"), Precision.BF16));
        assertThrows(UserException.class, () -> EmbeddedCvae.load(tmp.resolve("checkpoint"), Precision.BF16));
      }
    }
  }

  /** Different, but only as far as bfloat16's 8-bit significand moves a product (2^-8 relative, summed). */
  static void assertRoundingApart(float[] bf16, float[] fp32) {
    double largest = 0;
    double diff = 0;
    for (int i = 0; i < fp32.length; i++) {
      largest = Math.max(largest, Math.abs(fp32[i]));
      diff = Math.max(diff, Math.abs(bf16[i] - fp32[i]));
    }
    assertTrue(diff > 0, "bf16 serving computed float32's numbers exactly");
    assertTrue(diff < 0.05 * largest, "bf16 differs from float32 by " + diff + " of " + largest);
  }
}
