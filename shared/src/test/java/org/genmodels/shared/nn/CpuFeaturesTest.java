package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.genmodels.shared.cli.UserException;
import org.junit.jupiter.api.Test;

/** Reading {@code /proc/cpuinfo}'s flags, and the refusal of bf16 on CPUs without bf16 instructions. */
class CpuFeaturesTest {
  private static String cpuinfo(String model, String flags) {
    String one = "processor\t: %d\nvendor_id\t: GenuineIntel\nmodel name\t: " + model + "\nflags\t\t: " + flags
        + "\nbogomips\t: 4800.00\n\n";
    return String.format(one, 0) + String.format(one, 1);
  }

  @Test
  void findsTheModelAndFlagsOfTheFirstProcessor() {
    CpuFeatures f = CpuFeatures.parse(cpuinfo("Intel(R) Xeon(R) Platinum 8480+",
        "fpu sse2 avx2 avx512f avx512_bf16 amx_bf16 amx_tile"));
    assertEquals("Intel(R) Xeon(R) Platinum 8480+", f.model());
    assertTrue(f.flags().contains("avx512f"));
    assertTrue(f.hasBf16());
    f.requireBf16();
  }

  @Test
  void eitherFlagWillDo() {
    assertTrue(CpuFeatures.parse(cpuinfo("Sapphire", "avx2 amx_bf16")).hasBf16());
    assertTrue(CpuFeatures.parse(cpuinfo("Cooper Lake", "avx2 avx512f avx512_bf16")).hasBf16());
    // avx512f alone (Skylake-X, Ice Lake) or a flag that merely contains the word is not enough
    assertFalse(CpuFeatures.parse(cpuinfo("Skylake", "avx2 avx512f avx512bw avx512_vnni")).hasBf16());
    assertFalse(CpuFeatures.parse(cpuinfo("Odd", "xavx512_bf16")).hasBf16());
  }

  @Test
  void refusesWithTheModelTheMissingFlagsAndTheFix() {
    CpuFeatures f = CpuFeatures.parse(cpuinfo("AMD EPYC 7B12", "fpu sse2 avx avx2 fma"));
    UserException e = assertThrows(UserException.class, f::requireBf16);
    String m = e.getMessage();
    assertTrue(m.contains("AMD EPYC 7B12"), m);
    assertTrue(m.contains("avx512_bf16") && m.contains("amx_bf16"), m);
    assertTrue(m.contains("--precision fp32"), m);
    assertFalse(m.contains("\n"), m);
  }

  @Test
  void unreadableOrForeignCpuinfoHasNoFlags() {
    CpuFeatures f = CpuFeatures.parse("Processor\t: ARMv7\nFeatures\t: half thumb vfp\n");
    assertEquals("unknown model", f.model());
    assertTrue(f.flags().isEmpty());
    assertThrows(UserException.class, f::requireBf16);
  }

  @Test
  void fp32NeverChecks() {
    CpuFeatures.require(Precision.FP32);
  }

  @Test
  void theDenseModelsAreWarnedOfBf16OnlyWithAvx512Bf16AndNoAmx() {
    CpuFeatures zen5 = CpuFeatures.parse(cpuinfo("AMD EPYC", "avx2 avx512f avx512_bf16 avx512_vnni"));
    String w = zen5.denseBf16Warning(Precision.BF16).orElseThrow();
    assertTrue(w.startsWith("warning: ") && w.contains("AMD EPYC") && w.contains("--precision fp32"), w);
    assertFalse(w.contains("\n"), w);
    assertTrue(zen5.denseBf16Warning(Precision.FP32).isEmpty());
    CpuFeatures amx = CpuFeatures.parse(cpuinfo("Sapphire", "avx512f avx512_bf16 amx_bf16 amx_tile"));
    assertTrue(amx.denseBf16Warning(Precision.BF16).isEmpty());
    // refused rather than warned: requireBf16
    CpuFeatures avx2 = CpuFeatures.parse(cpuinfo("AMD EPYC 7B12", "avx2 fma"));
    assertTrue(avx2.denseBf16Warning(Precision.BF16).isEmpty());
  }
}
