package org.genmodels.shared.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.Set;
import org.genmodels.shared.nn.CpuFeatures;
import org.junit.jupiter.api.Test;

class EngineTest {
  private static final CpuFeatures AVX2 = new CpuFeatures("AMD EPYC", Set.of("avx", "avx2", "fma"));
  private static final CpuFeatures VNNI = new CpuFeatures("Intel Xeon", Set.of("avx2", "avx512f", "avx512_vnni"));

  @Test
  void theVariableDecidesWhenItIsOneOrZeroOnAnyCpu() {
    assertEquals("oneDNN on (TF_ENABLE_ONEDNN_OPTS=1)", Engine.oneDnn(Map.of("TF_ENABLE_ONEDNN_OPTS", "1"), AVX2));
    assertEquals("oneDNN on (TF_ENABLE_ONEDNN_OPTS=True)",
        Engine.oneDnn(Map.of("TF_ENABLE_ONEDNN_OPTS", "True"), AVX2));
    assertEquals("oneDNN off (TF_ENABLE_ONEDNN_OPTS=0)", Engine.oneDnn(Map.of("TF_ENABLE_ONEDNN_OPTS", "0"), VNNI));
    assertEquals("oneDNN off (TF_ENABLE_ONEDNN_OPTS=false)",
        Engine.oneDnn(Map.of("TF_ENABLE_ONEDNN_OPTS", "false"), VNNI));
  }

  @Test
  void unsetItIsOnOnlyWhereTheCpuHasANeuralNetworkFlag() {
    assertEquals("oneDNN on (TF_ENABLE_ONEDNN_OPTS unset: TensorFlow's default on this CPU)",
        Engine.oneDnn(Map.of(), VNNI));
    String avx2 = Engine.oneDnn(Map.of(), AVX2);
    assertTrue(avx2.startsWith("oneDNN off (TF_ENABLE_ONEDNN_OPTS unset: TensorFlow's default on a CPU without"
        + " avx512_vnni, avx512_bf16, avx_vnni, amx_tile, amx_int8, amx_bf16; TF_ENABLE_ONEDNN_OPTS=1"), avx2);
    // avx512f alone is not enough: Zen 3 / Skylake-SP servers run Eigen's kernels by default
    assertTrue(Engine.oneDnn(Map.of(), new CpuFeatures("Xeon", Set.of("avx512f"))).startsWith("oneDNN off"));
  }

  @Test
  void anotherValueLeavesTensorFlowsDefault() {
    assertEquals("oneDNN on (TF_ENABLE_ONEDNN_OPTS=yes not 0 or 1: TensorFlow's default on this CPU)",
        Engine.oneDnn(Map.of("TF_ENABLE_ONEDNN_OPTS", "yes"), VNNI));
    assertTrue(Engine.oneDnn(Map.of("TF_ENABLE_ONEDNN_OPTS", "yes"), AVX2).startsWith(
        "oneDNN off (TF_ENABLE_ONEDNN_OPTS=yes not 0 or 1: TensorFlow's default on a CPU without"));
  }

  @Test
  void onOrOffAsTheLineSays() {
    assertTrue(Engine.oneDnnOn(Map.of("TF_ENABLE_ONEDNN_OPTS", "1"), AVX2));
    assertFalse(Engine.oneDnnOn(Map.of(), AVX2));
    assertTrue(Engine.oneDnnOn(Map.of(), VNNI));
    assertFalse(Engine.oneDnnOn(Map.of("TF_ENABLE_ONEDNN_OPTS", "0"), VNNI));
  }

  @Test
  void theLineNamesVersionCpuAndProcessors() {
    assertEquals("engine: TensorFlow 2.18.0, oneDNN on (TF_ENABLE_ONEDNN_OPTS=1), float32 convs on Conv2D"
        + " (GENMODELS_CONVS unset: no avx512f); CPU AMD EPYC, 2 processors",
        Engine.describe("2.18.0", Map.of("TF_ENABLE_ONEDNN_OPTS", "1"), AVX2, 2));
    assertEquals("engine: TensorFlow 2.18.0, oneDNN off (TF_ENABLE_ONEDNN_OPTS=0), float32 convs on the generic Conv"
        + " (GENMODELS_CONVS=generic); CPU AMD EPYC, 2 processors",
        Engine.describe("2.18.0", Map.of("TF_ENABLE_ONEDNN_OPTS", "0", "GENMODELS_CONVS", "generic"), AVX2, 2));
    assertTrue(Engine.describe("2.18.0", Map.of("TF_ENABLE_ONEDNN_OPTS", "1"), AVX2, 1).endsWith(", 1 processor"));
  }

  @Test
  void thisProcessRunsWithTheSettingThePomGivesTests() {
    // surefire sets TF_ENABLE_ONEDNN_OPTS from the pom: 1, unless the user's environment says otherwise
    String given = System.getenv("TF_ENABLE_ONEDNN_OPTS");
    assumeTrue("1".equals(given) || "0".equals(given), "not run by the pom's surefire: " + given);
    String line = Engine.describe();
    assertTrue(line.contains("oneDNN " + ("1".equals(given) ? "on" : "off") + " (TF_ENABLE_ONEDNN_OPTS=" + given + ")"),
        line);
    assertEquals("1".equals(given), Engine.oneDnnOn());
  }
}
