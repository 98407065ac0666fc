package org.genmodels.shared.judge;

import java.util.Locale;

/**
 * How many generated images of each class the judge read as that class.
 *
 * @param right per class, the images read as intended
 * @param total per class, the images generated
 */
public record LabelAccuracy(int[] right, int[] total) {
  /** The share of all images read as intended. */
  public double overall() {
    int r = 0;
    int t = 0;
    for (int c = 0; c < total.length; c++) {
      r += right[c];
      t += total[c];
    }
    return t == 0 ? Double.NaN : (double) r / t;
  }

  /** The share of class {@code c}'s images read as {@code c}; NaN when none was generated. */
  public double of(int c) {
    return total[c] == 0 ? Double.NaN : (double) right[c] / total[c];
  }

  /** {@code 0.9310 (0: 0.99, 1: 0.98, ...)}. */
  public String describe() {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%.4f (", overall()));
    for (int c = 0; c < total.length; c++) {
      s.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%d: %.2f", c, of(c)));
    }
    return s.append(')').toString();
  }
}
