package org.genmodels.savedmodels.sidebyside;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which OpenBLAS kernels the PyTorch peer should run. A {@code DYNAMIC_ARCH} OpenBLAS (Debian's
 * 0.3.21) picks its kernels from the CPU's family and model numbers; a model newer than its tables
 * gets its {@code Prescott} fallback, SSE3 kernels. On 2026-12-01 an Intel Xeon of family 6, model
 * 207 (AVX-512 and AMX) got them: PyTorch's 4096² SGEMM ran at 33 GFLOP/s against 211 on the
 * {@code SkylakeX} kernels, its AE and VAE epochs took 3.3× and 2.7× as long and its CVAE epoch
 * 2.2×. A peer on a fallback is no reference. {@code OPENBLAS_CORETYPE} names the kernels
 * instead; this class says which ones the CPU's flags allow. Stateless.
 */
final class OpenBlasCore {
  /** The environment variable a {@code DYNAMIC_ARCH} OpenBLAS reads its kernels' name from. */
  static final String VARIABLE = "OPENBLAS_CORETYPE";

  /** OpenBLAS's names of kernels with AVX2 and FMA or more, lower case. */
  private static final Set<String> VECTOR_CORES = Set.of("haswell", "zen", "skylakex", "cooperlake",
      "sapphirerapids");

  /** The flags of OpenBLAS's SkylakeX kernels (AVX-512 F, CD, BW, DQ, VL). */
  private static final List<String> AVX512 = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

  private OpenBlasCore() {
  }

  /**
   * The kernels to name in {@link #VARIABLE}, or empty to leave OpenBLAS's own choice: empty when
   * {@code chosen} already has AVX2 (a CPU that OpenBLAS knows keeps what it chose), when the
   * peer mapped no OpenBLAS ({@code chosen} empty), or when the CPU
   * itself lacks AVX2 and FMA; else {@code SkylakeX} on a CPU with AVX-512, {@code Haswell} on one
   * with AVX2 and FMA.
   *
   * @param chosen the kernels OpenBLAS chose by itself ({@code openblas_get_corename}), "" if none
   * @param flags  the CPU's flags, lower case ({@code /proc/cpuinfo})
   */
  static Optional<String> override(String chosen, Set<String> flags) {
    if (chosen.isBlank() || VECTOR_CORES.contains(chosen.strip().toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    if (flags.containsAll(AVX512)) {
      return Optional.of("SkylakeX");
    }
    if (flags.contains("avx2") && flags.contains("fma")) {
      return Optional.of("Haswell");
    }
    return Optional.empty();
  }
}
