package org.genmodels.shared.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.genmodels.shared.cli.UserException;

/**
 * The CPU's model name and instruction-set flags as Linux lists them in {@code /proc/cpuinfo}
 * (the first processor's {@code model name} and {@code flags} lines), for the questions the
 * commands ask: can it multiply in bfloat16 in hardware ({@code avx512_bf16} or
 * {@code amx_bf16})? Without either, TensorFlow runs {@link Precision#BF16} MatMuls in emulation,
 * slower than float32, so {@link #requireBf16} refuses. Immutable; thread-safe.
 *
 * @param model the CPU's model name, or a phrase saying it is unknown
 * @param flags the CPU's flags, lower case; empty when they could not be read
 */
public record CpuFeatures(String model, Set<String> flags) {
  /** The flags either of which marks hardware bfloat16 dot products. */
  public static final List<String> BF16_FLAGS = List.of("avx512_bf16", "amx_bf16");

  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  public CpuFeatures {
    flags = Set.copyOf(flags);
  }

  /** The features in the text of a {@code /proc/cpuinfo}. */
  public static CpuFeatures parse(String cpuinfo) {
    String model = null;
    Set<String> flags = new LinkedHashSet<>();
    for (String line : cpuinfo.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (model == null && key.equals("model name")) {
        model = value;
      } else if (flags.isEmpty() && key.equals("flags")) {
        Arrays.stream(value.split("\\s+")).filter(f -> !f.isEmpty())
            .forEach(f -> flags.add(f.toLowerCase(Locale.ROOT)));
      }
    }
    return new CpuFeatures(model == null || model.isEmpty() ? "unknown model" : model, flags);
  }

  /** This machine's features; flags empty when {@code /proc/cpuinfo} cannot be read (not Linux). */
  public static CpuFeatures current() {
    try {
      return parse(Files.readString(CPUINFO));
    } catch (IOException | RuntimeException e) {
      return new CpuFeatures("unknown model (" + CPUINFO + " unreadable)", Set.of());
    }
  }

  /** Whether the CPU has {@code avx512_bf16} or {@code amx_bf16}. */
  public boolean hasBf16() {
    return BF16_FLAGS.stream().anyMatch(flags::contains);
  }

  /**
   * The warning for a dense model (the AE, the VAE: {@link Dense}'s casts) asked for {@code p} on
   * this CPU: present for {@link Precision#BF16} on a CPU with {@code avx512_bf16} but no
   * {@code amx_bf16}. On the one such CPU measured, an AMD Zen 5, oneDNN's bfloat16 MatMuls ran
   * slower than its float32 ones at the dense models' sizes, and their epochs took 1.36× (AE) and
   * 1.26× (VAE) float32's; with AMX, 0.82× and 1.02× (README, <i>Precision</i>). Empty for fp32, with
   * AMX, and without any bf16 flag ({@link #requireBf16} refuses that).
   */
  public Optional<String> denseBf16Warning(Precision p) {
    if (p != Precision.BF16 || !hasBf16() || flags.contains("amx_bf16")) {
      return Optional.empty();
    }
    return Optional.of("warning: this CPU (" + model + ") has avx512_bf16 but no amx_bf16; on such a CPU (an AMD"
        + " Zen 5) oneDNN's bfloat16 MatMuls ran slower than its float32 ones, and the dense models' epochs took"
        + " 1.36x (AE) and 1.26x (VAE) as long in bf16 as in fp32. bf16 trains right; the benchmark subcommand"
        + " times both here, and the default --precision fp32 may well be faster");
  }

  /**
   * Nothing when the CPU has a bfloat16 flag.
   *
   * @throws UserException naming the CPU, the missing flags and the fix otherwise
   */
  public void requireBf16() {
    if (!hasBf16()) {
      throw new UserException("--precision bf16 needs a CPU with " + String.join(" or ", BF16_FLAGS)
          + " (bfloat16 dot products in hardware); this one (" + model + ") has neither flag, and"
          + " TensorFlow would emulate bf16 slower than fp32: use the default --precision fp32");
    }
  }

  /** {@link #requireBf16} of this machine when {@code p} is {@link Precision#BF16}; nothing for fp32. */
  public static void require(Precision p) {
    if (p == Precision.BF16) {
      current().requireBf16();
    }
  }
}
