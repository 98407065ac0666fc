package org.genmodels.shared.train;

import java.util.List;
import java.util.Locale;

/**
 * Values of named metrics, in the order the graph declares them; the first is the loss.
 * Immutable.
 */
public record MetricValues(List<String> names, double[] values) {
  public MetricValues {
    names = List.copyOf(names);
    values = values.clone();
    if (names.size() != values.length) {
      throw new IllegalArgumentException(names.size() + " names for " + values.length + " values");
    }
  }

  public double loss() {
    return values[0];
  }

  public double get(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no metric '" + name + "' in " + names);
    }
    return values[i];
  }

  @Override
  public double[] values() {
    return values.clone();
  }

  /** {@code loss 0.312345 rec 0.30 kl 0.01}, with {@code digits} decimals. */
  public String format(int digits) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : "  ").append(names.get(i)).append(' ')
          .append(String.format(Locale.ROOT, "%." + digits + "f", values[i]));
    }
    return s.toString();
  }
}
