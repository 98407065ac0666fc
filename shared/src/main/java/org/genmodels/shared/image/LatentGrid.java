package org.genmodels.shared.image;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Points of a 2-d latent space laid out as an n×n picture grid, for the manifold figures: row i
 * uses {@code y_i}, column j uses {@code x_j}, as seed 004 fills {@code figure[i·28:, j·28:]}.
 */
public final class LatentGrid {
  private LatentGrid() {
  }

  /**
   * {@code norm.ppf(np.linspace(0.05, 0.95, n))}: the standard normal quantiles of n evenly
   * spaced probabilities, the seeds' grid coordinates (n = 15 in seed 003, 20 in seed 004).
   */
  public static double[] normalQuantiles(int n) {
    NormalDistribution normal = NormalDistribution.of(0, 1);
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      q[i] = normal.inverseCumulativeProbability(linspace(0.05, 0.95, n, i));
    }
    return q;
  }

  /** {@code np.linspace(from, to, n)}. */
  public static double[] linspace(double from, double to, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = linspace(from, to, n, i);
    }
    return v;
  }

  private static double linspace(double from, double to, int n, int i) {
    if (n < 2) {
      throw new IllegalArgumentException("a grid needs at least 2 points, got " + n);
    }
    double step = (to - from) / (n - 1);
    return i == n - 1 ? to : i * step + from; // numpy's order of operations
  }

  /**
   * The latent points of the grid, row after row: {@code [n·n, 2]} with point {@code i·n + j} =
   * {@code (xs[j], ys[i])}.
   */
  public static float[] points(double[] xs, double[] ys) {
    float[] z = new float[xs.length * ys.length * 2];
    for (int i = 0; i < ys.length; i++) {
      for (int j = 0; j < xs.length; j++) {
        int k = i * xs.length + j;
        z[2 * k] = (float) xs[j];
        z[2 * k + 1] = (float) ys[i];
      }
    }
    return z;
  }
}
