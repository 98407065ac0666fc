package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.genmodels.cvae.Cvae;
import org.genmodels.cvae.CvaeServing;
import org.genmodels.cvae.CvaeSettings;
import org.genmodels.diffusion.DdpmServing;
import org.genmodels.diffusion.Diffusion;
import org.genmodels.diffusion.DiffusionSettings;
import org.genmodels.diffusion.UnetSettings;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.tf.Engine;
import org.genmodels.shared.train.Checkpoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding API's bf16 for the conv models, TensorFlow's rewrite
 * ({@link org.genmodels.shared.tf.Bf16Rewrite}): the DDPM's {@link EmbeddedSampler} and the conv
 * VAE's {@link EmbeddedCvae} served from a float32 checkpoint in bf16 compute near float32's
 * numbers but not float32's, reproducibly; their exports loaded in bf16 compute the same. The
 * rewrite is oneDNN's, so these tests carry the tag {@code onednn}, which this module runs in a
 * JVM of its own with oneDNN on (the pom's {@code onednn-tests} execution; the module's other
 * tests run with it off). On a CPU without bfloat16 instructions TensorFlow emulates the bf16
 * kernels: slow, the same numbers.
 */
@Tag("onednn")
class EmbeddedRewriteTest {
  @TempDir
  Path tmp;

  @BeforeAll
  static void oneDnnIsOn() {
    assumeTrue(Engine.oneDnnOn(), "TensorFlow skips the rewrite without oneDNN (TF_ENABLE_ONEDNN_OPTS=0)");
  }

  /**
   * A DDPM checkpoint sampled in bf16: what a bf16 model with those weights samples in its training
   * graph (the same loop, the same rewrite), near float32's images but not equal to them; the
   * checkpoint's network and schedule are checked against the settings given.
   */
  @Test
  void ddpmSampledInBf16IsTheBf16TrainingSampler() throws IOException {
    UnetSettings small = DdpmExportTest.SMALL;
    DiffusionSettings fp32 = DiffusionSettings.builder().unet(small).timesteps(20).batchSize(8).seed(5).build();
    DiffusionSettings bf16 = fp32.toBuilder().precision(Precision.BF16).build();
    byte[] pixels = new byte[8 * 28 * 28];
    new SplittableRandom(4).nextBytes(pixels);
    ImageSet set = new ImageSet(8, 28, 28, pixels, new byte[8]);
    Path checkpoint = tmp.resolve("checkpoint");
    float[] trainedFp32;
    try (Diffusion d = Diffusion.create(fp32, Diffusion.shapeOf(set))) {
      d.trainStep(set, new int[] {0, 1, 2, 3, 4, 5, 6, 7});
      d.trainStep(set, new int[] {7, 6, 5, 4, 3, 2, 1, 0});
      Checkpoints.save(d.session(), checkpoint, fp32.config());
      trainedFp32 = d.sample(3, 7);
    }
    float[] trainedBf16;
    try (Diffusion d = Diffusion.create(bf16, Diffusion.shapeOf(set))) {
      d.restore(checkpoint);
      trainedBf16 = d.sample(3, 7);
    }
    try (EmbeddedSampler api16 = EmbeddedSampler.fromCheckpointOnAnyCpu(checkpoint, bf16);
         EmbeddedSampler api32 = EmbeddedSampler.fromCheckpointOnAnyCpu(checkpoint, fp32)) {
      float[] served16 = Trained.flat(api16.sample(3, 7));
      float[] served32 = Trained.flat(api32.sample(3, 7));
      // float32 on the generic conv, as the trained model samples (DdpmServing.inProcess): the same sums
      assertArrayEquals(trainedFp32, served32, 0f);
      assertArrayEquals(trainedBf16, served16, 1e-5f);
      assertArrayEquals(served16, Trained.flat(api16.sample(3, 7)), 0f);
      double sum = 0;
      double worst = 0;
      for (int i = 0; i < served32.length; i++) {
        double diff = Math.abs(served16[i] - served32[i]);
        sum += diff;
        worst = Math.max(worst, diff);
      }
      assertTrue(worst > 0, "bf16 sampling computed float32's images exactly");
      assertTrue(sum / served32.length < 0.02, "mean |bf16 − fp32| pixel " + sum / served32.length);
      // load(dir, precision) of the checkpoint, and of its export, sample the same: the rewrite applies to any graph
      try (EmbeddedSampler loaded16 = EmbeddedSampler.loadOnAnyCpu(checkpoint, Precision.BF16);
           EmbeddedSampler loaded32 = EmbeddedSampler.load(checkpoint)) {
        assertArrayEquals(served16, Trained.flat(loaded16.sample(3, 7)), 1e-5f);
        assertArrayEquals(trainedFp32, Trained.flat(loaded32.sample(3, 7)), 0f);
      }
      Path export = tmp.resolve("export");
      ModelExport.fromCheckpoint(DdpmServing.of(fp32), checkpoint, export);
      try (EmbeddedSampler export16 = EmbeddedSampler.loadOnAnyCpu(export, Precision.BF16);
           EmbeddedSampler export32 = EmbeddedSampler.loadOnAnyCpu(export, Precision.FP32)) {
        assertArrayEquals(served16, Trained.flat(export16.sample(3, 7)), 1e-5f);
        assertArrayEquals(served32, Trained.flat(export32.sample(3, 7)), 1e-5f);
      }
    }
    UserException e = assertThrows(UserException.class, () -> EmbeddedSampler.fromCheckpointOnAnyCpu(checkpoint,
        bf16.toBuilder().timesteps(300).build()));
    assertTrue(e.getMessage().contains("the settings given sets timesteps 300, the checkpoint's run has 20"),
        e.getMessage());
    assertEquals("DdpmServing[unet=" + small + ", timesteps=20, betaStart=1.0E-4, betaEnd=0.02, clampEveryStep=false,"
        + " ema=0.0, precision=BF16]", DdpmServing.of(fp32).with(Precision.BF16).toString());
    assertEquals(new DdpmServing(small, 20, 1e-4, 0.02, false, 0f), DdpmServing.of(bf16));
  }

  /** A conv VAE checkpoint served in bf16: near float32's posterior, not equal to it, reproducibly. */
  @Test
  void convVaeServedInBf16IsRoundedFp32() throws IOException {
    float[][] x = Trained.symmetricImages(8);
    int[] labels = Trained.labels(8);
    CvaeSettings settings;
    try (Cvae cvae = Trained.cvae(true)) {
      settings = cvae.settings();
      Checkpoints.save(cvae.session(), tmp.resolve("checkpoint"), settings.config());
    }
    try (EmbeddedCvae bf16 = EmbeddedCvae.fromCheckpointOnAnyCpu(tmp.resolve("checkpoint"),
        settings.toBuilder().precision(Precision.BF16).build());
         EmbeddedCvae fp32 = EmbeddedCvae.fromCheckpointOnAnyCpu(tmp.resolve("checkpoint"), settings)) {
      float[][] z = bf16.encode(x, labels).mean();
      float[] mean16 = Trained.flat(z);
      float[] mean32 = Trained.flat(fp32.encode(x, labels).mean());
      assertArrayEquals(mean16, Trained.flat(bf16.encode(x, labels).mean()), 0f);
      EmbeddedPrecisionTest.assertRoundingApart(mean16, mean32);
      Path export = tmp.resolve("export");
      ModelExport.fromCheckpoint(new CvaeServing(settings), tmp.resolve("checkpoint"), export);
      try (EmbeddedCvae export16 = EmbeddedCvae.loadOnAnyCpu(export, Precision.BF16)) {
        assertArrayEquals(mean16, Trained.flat(export16.encode(x, labels).mean()), 1e-6f);
        assertArrayEquals(Trained.flat(bf16.decode(z, labels)), Trained.flat(export16.decode(z, labels)), 1e-6f);
      }
    }
  }
}
