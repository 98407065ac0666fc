package org.genmodels.savedmodels.sidebyside;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The side-by-side result as a Markdown table, to paste into the README under a dated heading:
 * per row the Java and PyTorch medians over the rounds (with their range when there are several),
 * the ratio of the medians (with the range of the rounds' own ratios), the SGEMM peak, and for a
 * dense model's epoch the arithmetic limit (its operations at that peak) and Java's multiple of
 * it. Stateless.
 */
public final class SideBySideTable {
  private SideBySideTable() {
  }

  /** The table of {@code rows}, each line ending in a newline; {@code peakGflops} is the SGEMM rate the limits use. */
  public static String format(List<Comparison> rows, double peakGflops) {
    StringBuilder sb = new StringBuilder();
    sb.append("| model | time | Java | PyTorch | Java / PyTorch | SGEMM peak GFLOP/s | arithmetic limit | Java / limit |\n");
    sb.append("|---|---|---|---|---|---|---|---|\n");
    for (Comparison c : rows) {
      OptionalDouble limit = c.limitSeconds(peakGflops);
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.0f | %s | %s |\n", c.model(), c.what(),
          seconds(c.java()), seconds(c.peer()), ratio(c), peakGflops,
          limit.isPresent() ? String.format(Locale.ROOT, "%.3f", limit.getAsDouble()) : "—",
          limit.isPresent() ? String.format(Locale.ROOT, "%.1f×", c.javaSeconds() / limit.getAsDouble()) : "—"));
    }
    return sb.toString();
  }

  /** {@code 0.73}, or {@code 0.73 (0.70–0.76)} over several rounds: the rounds' own ratios' range. */
  static String ratio(Comparison c) {
    return withRange(c.ratio(), c.roundRatios(), "%.2f");
  }

  /** {@code 0.703}, or {@code 0.703 (0.690–0.731)} over several rounds. */
  static String seconds(List<Double> rounds) {
    return withRange(Comparison.median(rounds), rounds, "%.3f");
  }

  /** {@code value} in {@code format}, followed over several rounds by the rounds' range in brackets. */
  private static String withRange(double value, List<Double> rounds, String format) {
    String head = String.format(Locale.ROOT, format, value);
    if (rounds.size() == 1) {
      return head;
    }
    double min = rounds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = rounds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return String.format(Locale.ROOT, "%s (" + format + "–" + format + ")", head, min, max);
  }
}
