package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.genmodels.diffusion.DdpmServing;
import org.genmodels.diffusion.Diffusion;
import org.genmodels.diffusion.DiffusionPlugin;
import org.genmodels.diffusion.DiffusionSettings;
import org.genmodels.diffusion.UnetSettings;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.model.CheckpointHints;
import org.genmodels.shared.model.ModelPlugins;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.tf.Tensors;
import org.genmodels.shared.train.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The DDPM's export: a small trained network's checkpoint is recognised, rebuilt from its shapes,
 * exported with a {@code sample} signature whose T reverse steps are unrolled, and the export
 * (reloaded by TF's own loader, and through {@link EmbeddedSampler}) draws the pixels the trained
 * model draws for the same seed.
 */
class DdpmExportTest {
  /** A network small enough for a test's few steps: widths (4, 8), 32 × 32 gray, time embedding 8. */
  static final UnetSettings SMALL = UnetSettings.builder().widths(List.of(4, 8)).channels(1).imageSize(32)
      .timeEmbedding(8).build();
  private static final int T = 20;

  @Test
  void anExportSamplesWhatTheTrainedModelSamples(@TempDir Path dir) throws IOException {
    DiffusionSettings s = DiffusionSettings.builder().unet(SMALL).timesteps(T).batchSize(8).seed(5).build();
    byte[] pixels = new byte[8 * 28 * 28];
    new SplittableRandom(2).nextBytes(pixels);
    ImageSet set = new ImageSet(8, 28, 28, pixels, new byte[8]);
    int[] all = {0, 1, 2, 3, 4, 5, 6, 7};
    Path checkpoint = dir.resolve("checkpoint");
    float[] expected;
    float[] otherSeed;
    try (Diffusion d = Diffusion.create(s, Diffusion.shapeOf(set))) {
      d.trainStep(set, all);
      d.trainStep(set, all);
      Checkpoints.save(d.session(), checkpoint);
      expected = d.sample(3, 7);
      otherSeed = d.sample(3, 8);
    }
    CheckpointReader reader = CheckpointReader.open(checkpoint);
    assertEquals("diffusion", ModelPlugins.detect(checkpoint, reader).name());
    ServingModel rebuilt = new DiffusionPlugin().servingFromShapes(reader, CheckpointHints.none().with("timesteps", T));
    assertEquals(new DdpmServing(SMALL, T, 1e-4, 0.02, false, 0f), rebuilt);

    Path export = dir.resolve("export");
    ModelExport.fromCheckpoint(rebuilt, checkpoint, export);
    try (SavedModelBundle b = SavedModelBundle.load(export.toString(), "serve");
         Result r = b.function("sample").call(Map.of("count", TInt32.scalarOf(3), "seed", TInt64.scalarOf(7L)))) {
      float[] exported = Tensors.toArray(r.get("images").orElseThrow());
      assertArrayEquals(expected, exported, 1e-5f);
    }
    try (EmbeddedSampler sampler = EmbeddedSampler.load(export)) {
      assertArrayEquals(new long[] {32, 32, 1}, sampler.imageShape());
      float[][] rows = sampler.sample(3, 8);
      float[] flat = new float[3 * 32 * 32];
      for (int i = 0; i < 3; i++) {
        System.arraycopy(rows[i], 0, flat, i * 1024, 1024);
      }
      assertArrayEquals(otherSeed, flat, 1e-5f);
      assertFalse(Arrays.equals(expected, flat));
    }
    // a session built to run here only (float32 on the generic conv) refuses to export
    Path refused = dir.resolve("refused");
    try (ServingSession local = ServingSession.build(rebuilt.inProcess(), checkpoint)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> local.export(refused));
      assertTrue(e.getMessage().contains("in this process only"), e.getMessage());
    }
    assertFalse(Files.exists(refused));
  }

  /**
   * A model trained with another schedule and a weight average: its checkpoint keeps them, and the
   * export samples with that schedule and the averaged weights, as the trained model does.
   */
  @Test
  void anExportKeepsTheTrainedScheduleAndWeightAverage(@TempDir Path dir) throws IOException {
    DiffusionSettings s = DiffusionSettings.builder().unet(SMALL).timesteps(T).batchSize(8).seed(5)
        .betaStart(5e-4).betaEnd(0.05).ema(0.5f).build();
    byte[] pixels = new byte[8 * 28 * 28];
    new SplittableRandom(3).nextBytes(pixels);
    ImageSet set = new ImageSet(8, 28, 28, pixels, new byte[8]);
    int[] all = {0, 1, 2, 3, 4, 5, 6, 7};
    Path checkpoint = dir.resolve("checkpoint");
    float[] expected;
    try (Diffusion d = Diffusion.create(s, Diffusion.shapeOf(set))) {
      for (int i = 0; i < 3; i++) {
        d.trainStep(set, all);
      }
      Checkpoints.save(d.session(), checkpoint, s.config());
      expected = d.sample(3, 7);
    }
    CheckpointReader reader = CheckpointReader.open(checkpoint);
    ServingModel model = ModelPlugins.detect(checkpoint, reader).servingFromCheckpoint(checkpoint, reader,
        CheckpointHints.none());
    assertEquals(new DdpmServing(SMALL, T, 5e-4, 0.05, false, 0.5f), model);
    Path export = dir.resolve("export");
    ModelExport.fromCheckpoint(model, checkpoint, export);
    try (EmbeddedSampler sampler = EmbeddedSampler.load(export)) {
      float[][] rows = sampler.sample(3, 7);
      float[] flat = new float[3 * 32 * 32];
      for (int i = 0; i < 3; i++) {
        System.arraycopy(rows[i], 0, flat, i * 1024, 1024);
      }
      assertArrayEquals(expected, flat, 1e-5f);
    }
    // the default schedule with the raw weights, what an export made without the config drew, differs
    Path plain = dir.resolve("plain");
    ModelExport.fromCheckpoint(new DiffusionPlugin().servingFromShapes(reader,
        CheckpointHints.none().with("timesteps", T)), checkpoint, plain);
    try (EmbeddedSampler sampler = EmbeddedSampler.load(plain)) {
      float[] first = sampler.sample(1, 7)[0];
      assertFalse(Arrays.equals(Arrays.copyOf(expected, 1024), first));
      float max = 0;
      for (int i = 0; i < first.length; i++) {
        max = Math.max(max, Math.abs(first[i] - expected[i]));
      }
      assertTrue(max > 1e-2f, "the schedule and the average make a visible difference: " + max);
    }
  }
}
