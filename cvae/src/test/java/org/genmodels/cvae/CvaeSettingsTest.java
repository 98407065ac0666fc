package org.genmodels.cvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.nn.WeightInit;
import org.genmodels.shared.train.Adam;
import org.junit.jupiter.api.Test;

/** The builder: seed 002's defaults, every setter landing in its component, toBuilder a faithful copy. */
class CvaeSettingsTest {
  @Test
  void defaultsAreSeed002s() {
    CvaeSettings d = CvaeSettings.defaults();
    assertEquals(List.of(DatasetName.MNIST, true, 100, 64, new Adam.Settings(1e-4f, 0.5f, 0.999f, 1e-8f), 2, 32,
        0.01f, WeightInit.TORCH, 22L, 900, 0, List.of(2, 5, 0), Path.of("outputs", "cvae")),
        List.of(d.dataset(), d.conditional(), d.epochs(), d.batchSize(), d.adam(), d.latentSize(), d.channels(),
            d.slope(), d.init(), d.seed(), d.checkpointEvery(), d.trainLimit(), d.manifoldDigits(), d.outputDir()));
    assertNull(d.dataDir());
  }

  @Test
  void everySetterLandsAndToBuilderCopiesAll() {
    Adam.Settings adam = new Adam.Settings(0.25f, 0.75f, 0.875f, 1e-3f);
    CvaeSettings s = CvaeSettings.builder().dataset(DatasetName.FASHION_MNIST).conditional(false).epochs(3)
        .batchSize(7).adam(adam).latentSize(5).channels(6).slope(0.5f).init(WeightInit.PADDLE).seed(11)
        .checkpointEvery(13).trainLimit(17).manifoldDigits(List.of(9)).outputDir(Path.of("o"))
        .dataDir(Path.of("d")).build();
    assertEquals(List.of(DatasetName.FASHION_MNIST, false, 3, 7, adam, 5, 6, 0.5f, WeightInit.PADDLE, 11L, 13, 17,
        List.of(9), Path.of("o"), Path.of("d")),
        List.of(s.dataset(), s.conditional(), s.epochs(), s.batchSize(), s.adam(), s.latentSize(), s.channels(),
            s.slope(), s.init(), s.seed(), s.checkpointEvery(), s.trainLimit(), s.manifoldDigits(), s.outputDir(),
            s.dataDir()));
    assertEquals(s, s.toBuilder().build());
  }

  @Test
  void buildRejectsAsTheConstructorDoes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CvaeSettings.builder().slope(1f).build());
    assertEquals("the LeakyReLU slope must lie in [0, 1), got 1.0", e.getMessage());
  }
}
