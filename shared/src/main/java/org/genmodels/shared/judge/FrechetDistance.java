package org.genmodels.shared.judge;

/**
 * The Fréchet distance between two Gaussians fitted to feature vectors — the Fréchet Inception
 * Distance, with the judge's 128 features of 28 × 28 images in place of Inception's:
 * <pre>
 *   d² = |μ₁ − μ₂|² + Tr(Σ₁ + Σ₂ − 2 (Σ₁ Σ₂)^½)
 * </pre>
 * In double precision. The trace of the matrix square root is taken through symmetric matrices
 * only: {@code Tr((Σ₁Σ₂)^½) = Σ √λᵢ} over the eigenvalues λᵢ of {@code Σ₁^½ Σ₂ Σ₁^½}, which is
 * similar to {@code Σ₁Σ₂} but symmetric and positive semi-definite, so both eigen-decompositions are
 * plain Jacobi ones ({@link SymmetricEigen}) and nothing complex appears. Eigenvalues that rounding
 * makes slightly negative are clamped to 0, and so is a d² of {@code −1e-12} or so.
 *
 * <p>Cost for 128 features: the statistics {@code O(n · 128²)} (≈ 0.1 s for 10 000 images), the
 * distance two 128 × 128 decompositions (≈ 0.1 s); the judge's forward pass dominates. Stateless
 * and thread-safe.
 */
public final class FrechetDistance {
  private FrechetDistance() {
  }

  /** d² between two fitted Gaussians. */
  public static FrechetScore between(FeatureStats a, FeatureStats b) {
    if (a.dim() != b.dim()) {
      throw new IllegalArgumentException("cannot compare " + a.dim() + " features with " + b.dim()
          + ": both sets must come from the same feature extractor");
    }
    int dim = a.dim();
    double meanTerm = 0;
    double traces = 0;
    for (int i = 0; i < dim; i++) {
      double d = a.mean()[i] - b.mean()[i];
      meanTerm += d * d;
      traces += a.covariance()[i][i] + b.covariance()[i][i];
    }
    double[][] root = SymmetricEigen.of(a.covariance()).apply(v -> Math.sqrt(Math.max(v, 0)));
    double[][] inner = multiply(multiply(root, b.covariance()), root);
    double traceRoot = 0;
    for (double v : SymmetricEigen.of(inner).values()) {
      traceRoot += Math.sqrt(Math.max(v, 0));
    }
    double d2 = meanTerm + traces - 2 * traceRoot;
    return new FrechetScore(Math.max(d2, 0), a.n(), b.n(), dim);
  }

  /** d² between the rows of two feature matrices ({@code n₁ × dim} and {@code n₂ × dim}, n ≥ 2). */
  public static FrechetScore between(double[][] features1, double[][] features2) {
    return between(FeatureStats.of(features1), FeatureStats.of(features2));
  }

  /** d² between {@code n1} and {@code n2} rows of {@code dim} features, row-major. */
  public static FrechetScore between(float[] features1, int n1, float[] features2, int n2, int dim) {
    return between(FeatureStats.of(features1, n1, dim), FeatureStats.of(features2, n2, dim));
  }

  /**
   * d² between the judge's features of two image sets, {@code [n, 28, 28, 1]} in [0, 1] each
   * (a model's [-1, 1] or 32 × 32 output goes through {@link JudgeInput#fromSymmetric} first).
   * For a fixed reference set, keep {@link FeatureStats#ofImages} and use
   * {@link #between(FeatureStats, FeatureStats)}.
   */
  public static FrechetScore between(Judge judge, float[] images1, int n1, float[] images2, int n2) {
    return between(FeatureStats.ofImages(judge, images1, n1), FeatureStats.ofImages(judge, images2, n2));
  }

  private static double[][] multiply(double[][] x, double[][] y) {
    int n = x.length;
    int m = y[0].length;
    double[][] out = new double[n][m];
    for (int i = 0; i < n; i++) {
      double[] row = out[i];
      for (int k = 0; k < y.length; k++) {
        double xik = x[i][k];
        double[] yk = y[k];
        for (int j = 0; j < m; j++) {
          row[j] += xik * yk[j];
        }
      }
    }
    return out;
  }
}
