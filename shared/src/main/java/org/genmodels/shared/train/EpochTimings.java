package org.genmodels.shared.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Summarises the training time of epochs for the benchmark commands: the mean, the median and the
 * fastest of the timed epochs, and each one. Shared machines drift by tens of percent from minute
 * to minute, so the median and minimum say more than the mean alone.
 */
public final class EpochTimings {
  private EpochTimings() {
  }

  /** One line: {@code train: 0.412 s/epoch mean, 0.405 median, 0.398 min over 5 epochs (...) [...]}. */
  public static String describe(List<EpochResult> timed, int images, int batchSize) {
    double[] s = timed.stream().mapToDouble(EpochResult::trainSeconds).toArray();
    double[] sorted = s.clone();
    Arrays.sort(sorted);
    double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    StringBuilder each = new StringBuilder();
    for (double v : s) {
      each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v));
    }
    return String.format(Locale.ROOT,
        "train: %.3f s/epoch mean, %.3f median, %.3f min over %d epochs (%d images, batch %d) [%s]",
        Arrays.stream(s).average().orElse(Double.NaN), median, sorted[0], s.length, images, batchSize, each);
  }
}
