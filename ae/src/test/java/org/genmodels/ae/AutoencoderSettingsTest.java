package org.genmodels.ae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.genmodels.shared.data.DatasetName;
import org.junit.jupiter.api.Test;

/** The builder: AE.py's defaults, every setter landing in its component, toBuilder a faithful copy. */
class AutoencoderSettingsTest {
  @Test
  void defaultsAreAePys() {
    AutoencoderSettings d = AutoencoderSettings.defaults();
    assertEquals(List.of(DatasetName.FASHION_MNIST, 100, 512, 1e-3f, List.of(256, 128), 20, 22L,
        Path.of("outputs", "ae")), List.of(d.dataset(), d.epochs(), d.batchSize(), d.learningRate(),
        d.hiddenSizes(), d.codeSize(), d.seed(), d.outputDir()));
    assertEquals(null, d.dataDir());
  }

  @Test
  void everySetterLandsAndToBuilderCopiesAll() {
    AutoencoderSettings s = AutoencoderSettings.builder().dataset(DatasetName.MNIST).epochs(3).batchSize(7)
        .learningRate(0.5f).hiddenSizes(List.of(9)).codeSize(4).seed(11).outputDir(Path.of("o"))
        .dataDir(Path.of("d")).build();
    assertEquals(List.of(DatasetName.MNIST, 3, 7, 0.5f, List.of(9), 4, 11L, Path.of("o"), Path.of("d")),
        List.of(s.dataset(), s.epochs(), s.batchSize(), s.learningRate(), s.hiddenSizes(), s.codeSize(),
            s.seed(), s.outputDir(), s.dataDir()));
    assertEquals(s, s.toBuilder().build());
  }

  @Test
  void buildRejectsAsTheConstructorDoes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AutoencoderSettings.builder().batchSize(0).build());
    assertEquals("batch size must be at least 1, got 0", e.getMessage());
  }
}
