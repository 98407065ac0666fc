package org.genmodels.shared.judge;

/**
 * The mean and covariance of {@code n} feature vectors, in double precision: what the Fréchet
 * distance compares. The covariance is the unbiased one (divided by {@code n − 1}), computed in two
 * passes (mean first, then centred products) so that large means cost no accuracy. Compute the
 * statistics of a fixed reference set (the test images) once and reuse them.
 *
 * <p>The arrays are not copied; callers must not change them. Thread-safe for reading.
 *
 * @param mean       {@code dim} means
 * @param covariance {@code dim × dim}, symmetric
 * @param n          the number of vectors they were computed from (1 or more; 1 gives a zero covariance)
 */
public record FeatureStats(double[] mean, double[][] covariance, int n) {

  public FeatureStats {
    if (n < 1) {
      throw new IllegalArgumentException("statistics need at least one feature vector, got n = " + n);
    }
    if (covariance.length != mean.length) {
      throw new IllegalArgumentException("a covariance of " + covariance.length + " rows for " + mean.length
          + " means: both must have the feature dimension");
    }
    for (double[] row : covariance) {
      if (row.length != mean.length) {
        throw new IllegalArgumentException("a covariance row of " + row.length + " entries for " + mean.length
            + " means: the covariance must be square");
      }
    }
  }

  /** The feature dimension. */
  public int dim() {
    return mean.length;
  }

  /** The statistics of {@code n} rows of {@code dim} features, row-major in {@code features}. */
  public static FeatureStats of(float[] features, int n, int dim) {
    if (n < 2 || dim < 1 || (long) n * dim != features.length) {
      throw new IllegalArgumentException("expected at least 2 rows of " + dim + " features (" + n + " × " + dim
          + " values), got n = " + n + " and " + features.length + " values");
    }
    double[][] rows = new double[n][dim];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dim; j++) {
        rows[i][j] = features[i * dim + j];
      }
    }
    return of(rows);
  }

  /** The statistics of the rows of {@code features} ({@code n × dim}, n ≥ 2). */
  public static FeatureStats of(double[][] features) {
    int n = features.length;
    if (n < 2) {
      throw new IllegalArgumentException("a covariance needs at least 2 feature vectors, got " + n);
    }
    int dim = features[0].length;
    double[] mean = new double[dim];
    for (int i = 0; i < n; i++) {
      if (features[i].length != dim) {
        throw new IllegalArgumentException("row " + i + " has " + features[i].length + " features, row 0 has " + dim);
      }
      for (int j = 0; j < dim; j++) {
        double x = features[i][j];
        if (!Double.isFinite(x)) {
          throw new IllegalArgumentException("feature " + j + " of row " + i + " is " + x
              + ": the images behind it are broken (NaN or infinite pixels?)");
        }
        mean[j] += x;
      }
    }
    for (int j = 0; j < dim; j++) {
      mean[j] /= n;
    }
    double[][] cov = new double[dim][dim];
    double[] centred = new double[dim];
    for (double[] row : features) {
      for (int j = 0; j < dim; j++) {
        centred[j] = row[j] - mean[j];
      }
      for (int a = 0; a < dim; a++) {
        double ca = centred[a];
        double[] covA = cov[a];
        for (int b = a; b < dim; b++) {
          covA[b] += ca * centred[b];
        }
      }
    }
    for (int a = 0; a < dim; a++) {
      for (int b = a; b < dim; b++) {
        cov[a][b] /= n - 1;
        cov[b][a] = cov[a][b];
      }
    }
    return new FeatureStats(mean, cov, n);
  }

  /** The judge's features of {@code n} images {@code [n, 28, 28, 1]} in [0, 1], and their statistics. */
  public static FeatureStats ofImages(Judge judge, float[] images, int n) {
    float[] features = judge.features(images, n);
    return of(features, n, features.length / n);
  }
}
