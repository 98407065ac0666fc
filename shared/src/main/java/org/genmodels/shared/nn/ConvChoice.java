package org.genmodels.shared.nn;

import java.util.Locale;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.tf.Engine;

/**
 * Whether this process's float32 graphs convolve on TensorFlow's generic {@code Conv} op
 * ({@link ConvOp#GENERIC}) or on {@code Conv2D} ({@link ConvOp#CONV2D}), as {@link ConvOp#forTraining}
 * and {@link ConvOp#forInference} ask. The generic conv paid on one CPU kind and cost on another, so
 * the choice follows the CPU, and {@value #VARIABLE} overrides it:
 *
 * <ul>
 *   <li>{@code generic} or {@code conv2d}: that op;
 *   <li>unset, empty or {@code auto}: the generic conv where TensorFlow's oneDNN kernels are on and
 *       the CPU has {@code avx512f}, else {@code Conv2D}. On an AMD Zen 5 (AVX-512, oneDNN on) the
 *       generic conv sampled 64 DDPM images in 0.74× the time and trained the CVAE in 0.92×; on an
 *       AVX2 AMD EPYC (Zen 3, family 25) it sampled in 1.20× the time (1.10–1.38 in six pairs) and
 *       trained level with {@code Conv2D}, within that machine's drift (docs/speed-levers.md,
 *       2026-12-03). With oneDNN off the generic conv is unmeasured: {@code Conv2D}, the op
 *       TensorFlow's own layers use.
 * </ul>
 *
 * <p>Where the choice says generic, {@link ConvOp} still keeps {@code Conv2D} for bf16 graphs, and
 * for graphs that are differentiated where the generic conv's gradient cannot be registered
 * (Windows). Immutable; thread-safe.
 *
 * @param generic whether float32 graphs in this process may take {@link ConvOp#GENERIC}
 * @param reason  why, for the engine line, e.g. {@code GENMODELS_CONVS unset: no avx512f}
 */
public record ConvChoice(boolean generic, String reason) {
  /** The environment variable that overrides the CPU's choice. */
  public static final String VARIABLE = "GENMODELS_CONVS";

  /** The flag the automatic choice asks for. */
  static final String AVX512 = "avx512f";

  private static volatile ConvChoice current;

  /**
   * This process's choice, from its environment and CPU (read once, then kept).
   *
   * @throws UserException when {@value #VARIABLE} holds a value other than the three it takes
   */
  public static ConvChoice current() {
    ConvChoice c = current;
    if (c == null) {
      c = of(System.getenv(VARIABLE), CpuFeatures.current(), Engine.oneDnnOn());
      current = c;
    }
    return c;
  }

  /**
   * The choice for {@code value} of {@value #VARIABLE} (null when unset) on {@code cpu}, with
   * oneDNN {@code oneDnnOn}.
   *
   * @throws UserException naming the value and the three it takes when it is none of them
   */
  public static ConvChoice of(String value, CpuFeatures cpu, boolean oneDnnOn) {
    String word = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    switch (word) {
      case "generic":
        return new ConvChoice(true, VARIABLE + "=" + value);
      case "conv2d":
        return new ConvChoice(false, VARIABLE + "=" + value);
      case "", "auto":
        String given = value == null ? VARIABLE + " unset" : VARIABLE + "=" + value;
        if (!oneDnnOn) {
          return new ConvChoice(false, given + ": oneDNN off");
        }
        boolean avx512 = cpu.flags().contains(AVX512);
        return new ConvChoice(avx512, given + ": " + (avx512 ? "" : "no ") + AVX512);
      default:
        throw new UserException(VARIABLE + "=" + value + " is not a conv op: use generic, conv2d or auto"
            + " (or leave it unset for auto: the generic conv on a CPU with " + AVX512 + " and oneDNN on)");
    }
  }

  /** The phrase for the engine line, e.g. {@code float32 convs on Conv2D (GENMODELS_CONVS unset: no avx512f)}. */
  public String describe() {
    return "float32 convs on " + (generic ? "the generic Conv" : "Conv2D") + " (" + reason + ")";
  }
}
