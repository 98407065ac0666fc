package org.genmodels.savedmodels.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.genmodels.ae.AutoencoderSettings;
import org.genmodels.vae.VaeSettings;
import org.junit.jupiter.api.Test;

/** The dense models' multiply-adds and epoch operations, against sums done by hand. */
class DenseFlopsTest {
  @Test
  void autoencoderAtItsDefaultsIs472064MultiplyAddsAnd170GflopAnEpoch() {
    // 784·256 + 256·128 + 128·20 = 200704 + 32768 + 2560 = 236032 each way
    long perExample = DenseFlops.autoencoderMultiplyAdds(AutoencoderSettings.defaults());
    assertEquals(472_064, perExample);
    assertEquals(169_943_040_000.0, DenseFlops.epochFlops(perExample, 60_000), 0.0);
  }

  @Test
  void autoencoderFollowsItsWidths() {
    // 784·64 + 64·2 = 50304 each way
    AutoencoderSettings s = AutoencoderSettings.builder().hiddenSizes(List.of(64)).codeSize(2).build();
    assertEquals(100_608, DenseFlops.autoencoderMultiplyAdds(s));
  }

  @Test
  void vaeAtItsDefaultsCountsBothLatentHeads() {
    // 784·128 + 128·10 (zMean) + 128·10 (zLogVar) + 10·128 + 128·784 = 100352 + 1280 + 1280 + 1280 + 100352
    VaeSettings s = VaeSettings.defaults();
    assertEquals(128, s.hiddenSize());
    assertEquals(10, s.latentSize());
    assertEquals(204_544, DenseFlops.vaeMultiplyAdds(s));
    assertEquals(6.0 * 60_000 * 204_544, DenseFlops.epochFlops(204_544, 60_000), 0.0);
  }

  @Test
  void vaeFollowsItsWidths() {
    // 784·256 + 2·256·2 + 2·256 + 256·784 = 200704 + 1024 + 512 + 200704
    VaeSettings s = VaeSettings.builder().hiddenSize(256).latentSize(2).build();
    assertEquals(402_944, DenseFlops.vaeMultiplyAdds(s));
  }
}
