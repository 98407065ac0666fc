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
    StringBuilder each = new StringBuilder();
    for (double v : s) {
      each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v));
    }
    return String.format(Locale.ROOT,
        "train: %.3f s/epoch mean, %.3f median, %.3f min over %d epochs (%d images, batch %d) [%s]",
        Arrays.stream(s).average().orElse(Double.NaN), median(sorted), sorted[0], s.length, images, batchSize, each);
  }

  /** {@code mean 0.412, median 0.405, min 0.398 over 5}: a summary of timings in seconds. */
  public static String summary(double[] seconds) {
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "mean %.3f, median %.3f, min %.3f over %d",
        Arrays.stream(seconds).average().orElse(Double.NaN), median(sorted), sorted[0], sorted.length);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
