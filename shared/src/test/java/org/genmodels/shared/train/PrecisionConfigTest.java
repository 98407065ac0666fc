package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.nn.Precision;
import org.junit.jupiter.api.Test;

/**
 * {@code precision} in a checkpoint's config: written only when it is not fp32, read back as fp32
 * when absent, and a given {@code --precision} that contradicts the checkpoint is refused even when
 * the checkpoint's fp32 is implied by the key's absence.
 */
class PrecisionConfigTest {
  private static ModelConfig config(Precision p) {
    return ModelConfig.of("ae").put("seed", 1).putPrecision(p).build();
  }

  @Test
  void writtenOnlyWhenNotFp32() {
    assertEquals(Map.of("seed", "1"), config(Precision.FP32).values());
    assertEquals(Map.of("seed", "1", "precision", "bf16"), config(Precision.BF16).values());
  }

  @Test
  void absentMeansFp32() {
    assertEquals(Precision.FP32, config(Precision.FP32).getPrecision());
    assertEquals(Precision.BF16, config(Precision.BF16).getPrecision());
  }

  @Test
  void anUnknownValueIsACorruptConfig() {
    ModelConfig c = ModelConfig.of("ae").put("precision", "fp16").build();
    UserException e = assertThrows(UserException.class, c::getPrecision);
    assertTrue(e.getMessage().contains("model.precision=fp16"), e.getMessage());
  }

  @Test
  void aGivenPrecisionMustAgreeWithTheCheckpointsEvenWhenItIsImplied() {
    Map<String, String> given = Map.of("precision", "--precision");
    UserException toBf16 = assertThrows(UserException.class, () -> StoredSettings.requireAgreement(
        config(Precision.FP32), config(Precision.BF16), given));
    assertTrue(toBf16.getMessage().contains("--precision sets precision bf16, the checkpoint's run has fp32"),
        toBf16.getMessage());
    UserException toFp32 = assertThrows(UserException.class, () -> StoredSettings.requireAgreement(
        config(Precision.BF16), config(Precision.FP32), given));
    assertTrue(toFp32.getMessage().contains("--precision sets precision fp32, the checkpoint's run has bf16"),
        toFp32.getMessage());
    StoredSettings.requireAgreement(config(Precision.BF16), config(Precision.BF16), given);
    StoredSettings.requireAgreement(config(Precision.FP32), config(Precision.FP32), given);
    // not given: the checkpoint's precision is taken without a word
    StoredSettings.requireAgreement(config(Precision.BF16), config(Precision.FP32), Map.of());
  }
}
