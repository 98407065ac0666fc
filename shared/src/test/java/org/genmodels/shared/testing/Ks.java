package org.genmodels.shared.testing;

import java.util.Arrays;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * The one-sample Kolmogorov–Smirnov statistic, for tests that hold a sample of random draws
 * against the closed form of its distribution. The draws in this project's tests come from seeded
 * stateless ops, so a test built on it gives the same answer on every run.
 */
public final class Ks {
  private Ks() {
  }

  /** {@code sup |F_n(x) − F(x)|}: the largest gap between the sample's CDF and {@code expected}'s. */
  public static double distance(float[] draws, ContinuousDistribution expected) {
    double[] x = new double[draws.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = draws[i];
    }
    Arrays.sort(x);
    double d = 0;
    for (int i = 0; i < x.length; i++) {
      double f = expected.cumulativeProbability(x[i]);
      d = Math.max(d, Math.max(f - (double) i / x.length, (i + 1.0) / x.length - f));
    }
    return d;
  }

  /** The asymptotic 0.1 % critical value {@code 1.95/√n}: a true sample exceeds it once in 1000. */
  public static double critical(int n) {
    return 1.95 / Math.sqrt(n);
  }
}
