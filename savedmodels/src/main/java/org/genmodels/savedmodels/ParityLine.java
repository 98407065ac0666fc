package org.genmodels.savedmodels;

import java.util.List;
import java.util.Locale;

/**
 * One comparison of a Java model with numbers another framework computed: what was compared, the
 * largest absolute difference, the tolerance it must not exceed, and whether it did not. What
 * {@code parity} prints and the parity tests assert on. Immutable.
 *
 * @param what       e.g. {@code eps_eval}, {@code grad downs.0.conv1.weight}
 * @param maxAbsDiff the largest absolute difference (infinite for a NaN or a size mismatch)
 * @param tolerance  the largest allowed
 * @param scale      what the tolerance is relative to (the reference's largest magnitude), or 0
 *                   when it is absolute
 */
public record ParityLine(String what, double maxAbsDiff, double tolerance, double scale) {
  /** A line with an absolute tolerance. */
  public ParityLine(String what, double maxAbsDiff, double tolerance) {
    this(what, maxAbsDiff, tolerance, 0);
  }

  /** An absolute tolerance. */
  public static ParityLine absolute(String what, float[] mine, float[] expected, double tolerance) {
    return new ParityLine(what, ParityCommand.maxAbsError(mine, expected), tolerance, 0);
  }

  /** A tolerance of {@code relative} times the largest magnitude in {@code expected}. */
  public static ParityLine relative(String what, float[] mine, float[] expected, double relative) {
    double scale = 0;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    return new ParityLine(what, ParityCommand.maxAbsError(mine, expected), relative * scale, scale);
  }

  public boolean passes() {
    return maxAbsDiff <= tolerance;
  }

  /** One table row: what, difference, tolerance (and the scale it is relative to), OK or FAIL. */
  public String format() {
    return String.format(Locale.ROOT, "%-44s %12.3g %12.3g %s%s", what, maxAbsDiff, tolerance,
        passes() ? "OK" : "FAIL",
        scale > 0 ? String.format(Locale.ROOT, "  (%.0e of max |ref| %.3g)", tolerance / scale, scale) : "");
  }

  /** The header matching {@link #format}. */
  public static String header() {
    return String.format(Locale.ROOT, "%-44s %12s %12s %s", "check", "max |diff|", "tolerance", "");
  }

  /** The lines that failed. */
  public static List<ParityLine> failures(List<ParityLine> lines) {
    return lines.stream().filter(l -> !l.passes()).toList();
  }
}
