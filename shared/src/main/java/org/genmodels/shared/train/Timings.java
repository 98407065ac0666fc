package org.genmodels.shared.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Times repeated work and summarises the times for the benchmark commands: the mean, the median
 * and the fastest, and each one. Shared machines drift by tens of percent from minute to minute,
 * so the median and minimum say more than the mean alone.
 */
public final class Timings {
  private Timings() {
  }

  /** The seconds each of {@code runs} calls {@code call.accept(i)}, {@code i = 0 … runs − 1}, took. */
  public static double[] each(int runs, IntConsumer call) {
    double[] seconds = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      call.accept(i);
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    return seconds;
  }

  /**
   * {@code 0.412 s/epoch mean, 0.405 median, 0.398 min over 5 epochs (DETAIL) [0.398, ...]}.
   *
   * @throws IllegalArgumentException when {@code seconds} is empty
   */
  public static String describe(double[] seconds, String unit, String detail) {
    double[] sorted = sorted(seconds);
    StringBuilder each = new StringBuilder();
    for (double v : seconds) {
      each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v));
    }
    return String.format(Locale.ROOT, "%.3f s/%s mean, %.3f median, %.3f min over %d %ss (%s) [%s]",
        Arrays.stream(seconds).average().orElseThrow(), unit, median(sorted), sorted[0], seconds.length, unit,
        detail, each);
  }

  /**
   * {@code 227,273 images/s median, 212,000 slowest}: the rate of calls that each made
   * {@code items}, at the median time and at the slowest.
   */
  public static String rates(double[] seconds, int items, String itemNoun) {
    double[] sorted = sorted(seconds);
    return rate(items / median(sorted)) + " " + itemNoun + "/s median, " + rate(items / sorted[sorted.length - 1])
        + " slowest";
  }

  /** Whole numbers from 100 up, two decimals below (sampling makes a few images a second). */
  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, perSecond >= 100 ? "%,.0f" : "%.2f", perSecond);
  }

  private static double[] sorted(double[] seconds) {
    if (seconds.length == 0) {
      throw new IllegalArgumentException("no times to summarise: give at least one timed run");
    }
    double[] sorted = seconds.clone();
    Arrays.sort(sorted);
    return sorted;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
