package org.genmodels.savedmodels.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which OpenBLAS kernels the peer is given, from the kernels OpenBLAS chose and the CPU's flags. */
class OpenBlasCoreTest {
  private static final Set<String> AVX512 = Set.of("sse3", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw",
      "avx512dq", "avx512vl", "amx_bf16");
  private static final Set<String> AVX2 = Set.of("sse3", "avx", "avx2", "fma");

  @Test
  void aFallbackOnAnAvx512CpuGetsTheSkylakeXKernels() {
    // what Debian's OpenBLAS 0.3.21 chose on an Intel Xeon of family 6, model 207
    assertEquals(Optional.of("SkylakeX"), OpenBlasCore.override("Prescott", AVX512));
    assertEquals(Optional.of("SkylakeX"), OpenBlasCore.override("Sandybridge", AVX512));
  }

  @Test
  void aFallbackOnAnAvx2CpuGetsTheHaswellKernels() {
    assertEquals(Optional.of("Haswell"), OpenBlasCore.override("Prescott", AVX2));
    // AVX-512 without BW/DQ/VL (Knights Landing's set) is not enough for SkylakeX
    assertEquals(Optional.of("Haswell"), OpenBlasCore.override("Nehalem", Set.of("avx2", "fma", "avx512f", "avx512cd")));
  }

  @Test
  void aVectorChoiceIsKept() {
    // OpenBLAS's own choice on a CPU it knows stays, AVX-512 or not (a Zen 4 has AVX-512)
    assertEquals(Optional.empty(), OpenBlasCore.override("Zen", AVX512));
    assertEquals(Optional.empty(), OpenBlasCore.override("Haswell", AVX512));
    assertEquals(Optional.empty(), OpenBlasCore.override("Cooperlake", AVX512));
    assertEquals(Optional.empty(), OpenBlasCore.override("SAPPHIRERAPIDS", AVX512));
  }

  @Test
  void noOpenBlasOrNoAvx2MeansNoOverride() {
    assertEquals(Optional.empty(), OpenBlasCore.override("", AVX512));
    assertEquals(Optional.empty(), OpenBlasCore.override("Prescott", Set.of("sse3", "avx")));
    assertEquals(Optional.empty(), OpenBlasCore.override("Prescott", Set.of()));
  }
}
