package org.genmodels.ae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;

class AutoencoderModelTest {
  @Test
  void architectureOfAePy() {
    try (Autoencoder ae = Autoencoder.create(AutoencoderSettings.defaults())) {
      List<String> names = ae.model().params().all().stream().map(Parameters.Param::name).toList();
      assertEquals(List.of("encoder/dense_0/kernel", "encoder/dense_0/bias", "encoder/dense_1/kernel",
          "encoder/dense_1/bias", "encoder/code/kernel", "encoder/code/bias", "decoder/dense_0/kernel",
          "decoder/dense_0/bias", "decoder/dense_1/kernel", "decoder/dense_1/bias",
          "decoder/logits/kernel", "decoder/logits/bias"), names);
      // 784·256+256 + 256·128+128 + 128·20+20 + 20·128+128 + 128·256+256 + 256·784+784
      assertEquals(473_636, ae.model().params().trainableCount());
    }
  }

  @Test
  void encodeDecodeAndReconstructAgree() {
    ImageData data = TestData.mnist();
    try (Autoencoder ae = Autoencoder.create(AutoencoderSettings.defaults())) {
      float[] x = data.test().firstPixels(3, PixelRange.UNIT);
      float[] code = ae.encode(x, 3);
      assertEquals(3 * 20, code.length);
      float[] viaCode = ae.decode(code, 3);
      float[] direct = ae.reconstruct(x, 3);
      assertEquals(3 * 784, direct.length);
      assertArrayEquals(direct, viaCode, 1e-6f);
      for (float v : direct) {
        assertTrue(v > 0 && v < 1);
      }
    }
  }

  @Test
  void wrongInputLengthIsAClearError() {
    try (Autoencoder ae = Autoencoder.create(AutoencoderSettings.defaults())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ae.reconstruct(new float[700], 1));
      assertTrue(e.getMessage().contains("expected 1 rows of 784 values, got 700"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> ae.decode(new float[21], 1));
    }
  }

  @Test
  void settingsRejectBadValues() {
    AutoencoderSettings d = AutoencoderSettings.defaults();
    assertThrows(IllegalArgumentException.class, () -> d.toBuilder().epochs(0).build());
    assertThrows(IllegalArgumentException.class, () -> d.toBuilder().hiddenSizes(List.of(256, 0)).codeSize(20).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> d.toBuilder().epochs(1).learningRate(-1e-3f).codeSize(20).seed(1).build());
    assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
  }
}
