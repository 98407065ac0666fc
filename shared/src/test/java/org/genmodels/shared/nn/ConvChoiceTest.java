package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Set;
import org.genmodels.shared.cli.UserException;
import org.junit.jupiter.api.Test;

class ConvChoiceTest {
  private static final CpuFeatures ZEN3 = new CpuFeatures("AMD EPYC", Set.of("avx", "avx2", "fma"));
  private static final CpuFeatures ZEN5 = new CpuFeatures("AMD EPYC", Set.of("avx2", "avx512f", "avx512_bf16"));

  @Test
  void unsetTheGenericConvOnlyWithAvx512AndOneDnnOn() {
    assertEquals(new ConvChoice(true, "GENMODELS_CONVS unset: avx512f"), ConvChoice.of(null, ZEN5, true));
    assertEquals(new ConvChoice(false, "GENMODELS_CONVS unset: no avx512f"), ConvChoice.of(null, ZEN3, true));
    assertEquals(new ConvChoice(false, "GENMODELS_CONVS unset: oneDNN off"), ConvChoice.of(null, ZEN5, false));
    // a CPU whose flags could not be read (not Linux) has none
    assertFalse(ConvChoice.of(null, new CpuFeatures("unknown model", Set.of()), true).generic());
  }

  @Test
  void autoOrEmptyIsTheSameChoiceAsUnset() {
    assertEquals(new ConvChoice(true, "GENMODELS_CONVS=auto: avx512f"), ConvChoice.of("auto", ZEN5, true));
    assertEquals(new ConvChoice(false, "GENMODELS_CONVS=AUTO: no avx512f"), ConvChoice.of("AUTO", ZEN3, true));
    assertFalse(ConvChoice.of("", ZEN3, true).generic());
    assertTrue(ConvChoice.of(" ", ZEN5, true).generic());
  }

  @Test
  void aGivenOpWinsOverTheCpuAndOneDnn() {
    assertEquals(new ConvChoice(true, "GENMODELS_CONVS=Generic"), ConvChoice.of("Generic", ZEN3, false));
    assertEquals(new ConvChoice(false, "GENMODELS_CONVS=conv2d"), ConvChoice.of("conv2d", ZEN5, true));
  }

  @Test
  void anotherValueIsRefusedNamingItAndTheChoices() {
    UserException e = assertThrows(UserException.class, () -> ConvChoice.of("fast", ZEN5, true));
    assertTrue(e.getMessage().startsWith("GENMODELS_CONVS=fast is not a conv op: use generic, conv2d or auto"),
        e.getMessage());
  }

  @Test
  void theEngineLinePhraseNamesTheOpAndWhy() {
    assertEquals("float32 convs on Conv2D (GENMODELS_CONVS unset: no avx512f)",
        ConvChoice.of(null, ZEN3, true).describe());
    assertEquals("float32 convs on the generic Conv (GENMODELS_CONVS=generic)",
        ConvChoice.of("generic", ZEN3, true).describe());
  }

  /** The pom runs the tests on the generic conv on every CPU, so the graphs it builds are tested everywhere. */
  @Test
  void underThePomsSurefireThisProcessTakesTheGenericConv() {
    assumeTrue("generic".equals(System.getenv(ConvChoice.VARIABLE)), "not run by the pom's surefire");
    assertTrue(ConvChoice.current().generic());
    assertEquals(ConvOp.GENERIC, ConvOp.forInference(Precision.FP32));
    assertEquals(ConvOp.CONV2D, ConvOp.forInference(Precision.BF16));
  }
}
