package org.genmodels.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.train.Adam;
import org.junit.jupiter.api.Test;

/** The builders: the defaults, every setter landing in its component, toBuilder a faithful copy. */
class DiffusionSettingsTest {
  @Test
  void defaultsAreSeed004sWhereTheyCarryOver() {
    DiffusionSettings d = DiffusionSettings.defaults();
    assertEquals(Arrays.asList(DatasetName.FASHION_MNIST, 100, 128, new Adam.Settings(1e-3f, 0.9f, 0.999f, 1e-8f),
        UnetSettings.cpu(), 300, 1e-4, 0.02, 0f, false, 22L, 500, 1, 64, 1000, 0, null,
        Path.of("outputs", "diffusion")),
        Arrays.asList(d.dataset(), d.epochs(), d.batchSize(), d.adam(), d.unet(), d.timesteps(), d.betaStart(),
            d.betaEnd(), d.ema(), d.clampEveryStep(), d.seed(), d.checkpointEvery(), d.figuresEvery(),
            d.sampleImages(), d.fidImages(), d.trainLimit(), d.imageDir(), d.outputDir()));
    assertNull(d.dataDir());
    UnetSettings cpu = UnetSettings.cpu();
    assertEquals(List.of(List.of(32, 64, 128), 1, 32, 32),
        List.of(cpu.widths(), cpu.channels(), cpu.imageSize(), cpu.timeEmbedding()));
    UnetSettings seed = UnetSettings.seed004();
    assertEquals(List.of(List.of(64, 128, 256, 512, 1024), 3, 64, 32),
        List.of(seed.widths(), seed.channels(), seed.imageSize(), seed.timeEmbedding()));
  }

  @Test
  void everySetterLandsAndToBuilderCopiesAll() {
    UnetSettings u = UnetSettings.builder().widths(List.of(3, 5)).channels(3).imageSize(8).timeEmbedding(6).build();
    assertEquals(List.of(List.of(3, 5), 3, 8, 6), List.of(u.widths(), u.channels(), u.imageSize(), u.timeEmbedding()));
    assertEquals(u, u.toBuilder().build());
    Adam.Settings adam = new Adam.Settings(0.25f, 0.75f, 0.875f, 1e-3f);
    DiffusionSettings s = DiffusionSettings.builder().dataset(DatasetName.MNIST).epochs(3).batchSize(7).adam(adam)
        .unet(u).timesteps(12).betaStart(0.125).betaEnd(0.25).ema(0.5f).clampEveryStep(true).seed(11)
        .checkpointEvery(13).figuresEvery(2).sampleImages(4).fidImages(5).trainLimit(17).imageDir(Path.of("i"))
        .outputDir(Path.of("o")).dataDir(Path.of("d")).build();
    assertEquals(List.of(DatasetName.MNIST, 3, 7, adam, u, 12, 0.125, 0.25, 0.5f, true, 11L, 13, 2, 4, 5, 17,
        Path.of("i"), Path.of("o"), Path.of("d")),
        List.of(s.dataset(), s.epochs(), s.batchSize(), s.adam(), s.unet(), s.timesteps(), s.betaStart(),
            s.betaEnd(), s.ema(), s.clampEveryStep(), s.seed(), s.checkpointEvery(), s.figuresEvery(),
            s.sampleImages(), s.fidImages(), s.trainLimit(), s.imageDir(), s.outputDir(), s.dataDir()));
    assertEquals(s, s.toBuilder().build());
  }

  @Test
  void buildRejectsAsTheConstructorsDo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DiffusionSettings.builder().timesteps(9).build());
    assertEquals("timesteps must be at least 10 (the denoising strip shows every T/10th), got 9", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> UnetSettings.builder().timeEmbedding(5).build());
    assertEquals("the time embedding size must be even and at least 4, got 5", e.getMessage());
  }
}
