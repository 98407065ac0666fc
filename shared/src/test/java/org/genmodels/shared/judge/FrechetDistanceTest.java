package org.genmodels.shared.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The distance against closed forms: for Gaussians whose covariances commute (share eigenvectors
 * R), {@code (Σ₁Σ₂)^½ = R (D₁D₂)^½ Rᵀ}, so d² = |Δμ|² + Σᵢ (√d₁ᵢ − √d₂ᵢ)²; with R = I that is
 * |Δμ|² + Σ (σ₁ − σ₂)². And against numpy for a small non-commuting case.
 */
class FrechetDistanceTest {

  @Test
  void diagonalCovariancesGiveTheClosedForm() {
    double[] mu1 = {0, 1, -2, 0.5};
    double[] mu2 = {1, 1, 0, -0.5};
    double[] sigma1 = {1, 2, 0.5, 3};
    double[] sigma2 = {2, 2, 1.5, 0.1};
    double expected = 1 + 0 + 4 + 1 + (1 + 0 + 1 + 2.9 * 2.9);
    FeatureStats a = new FeatureStats(mu1, diagonal(sigma1), 100);
    FeatureStats b = new FeatureStats(mu2, diagonal(sigma2), 200);
    FrechetScore score = FrechetDistance.between(a, b);
    assertEquals(expected, score.distance(), 1e-12);
    assertEquals(100, score.n1());
    assertEquals(200, score.n2());
    assertEquals(4, score.dim());
  }

  private static double[][] diagonal(double[] sigma) {
    double[][] m = new double[sigma.length][sigma.length];
    for (int i = 0; i < sigma.length; i++) {
      m[i][i] = sigma[i] * sigma[i];
    }
    return m;
  }

  @Test
  void commutingRotatedCovariancesGiveTheClosedForm() {
    int dim = 6;
    Random random = new Random(3);
    double[][] r = randomRotation(dim, random);
    double[] mu1 = new double[dim];
    double[] mu2 = new double[dim];
    double[] var1 = new double[dim];
    double[] var2 = new double[dim];
    double expected = 0;
    for (int i = 0; i < dim; i++) {
      mu1[i] = random.nextGaussian();
      mu2[i] = random.nextGaussian();
      var1[i] = 0.1 + 4 * random.nextDouble();
      var2[i] = 0.1 + 4 * random.nextDouble();
      expected += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]);
      expected += (Math.sqrt(var1[i]) - Math.sqrt(var2[i])) * (Math.sqrt(var1[i]) - Math.sqrt(var2[i]));
    }
    FeatureStats a = new FeatureStats(mu1, rotate(r, var1), 10);
    FeatureStats b = new FeatureStats(mu2, rotate(r, var2), 10);
    assertEquals(expected, FrechetDistance.between(a, b).distance(), 1e-10);
    assertEquals(expected, FrechetDistance.between(b, a).distance(), 1e-10);
  }

  @Test
  void sampledFeaturesApproachTheClosedForm() {
    int dim = 3;
    int n = 200_000;
    Random random = new Random(11);
    double[][] r = randomRotation(dim, random);
    double[] mu1 = {0.5, -1, 2};
    double[] mu2 = {1.5, -1, 1};
    double[] sd1 = {1, 2, 0.5};
    double[] sd2 = {2, 1, 0.5};
    double expected = 2 + (1 + 1 + 0);
    double[][] x1 = sample(mu1, r, sd1, n, random);
    double[][] x2 = sample(mu2, r, sd2, n, random);
    FrechetScore score = FrechetDistance.between(x1, x2);
    assertEquals(expected, score.distance(), 0.05, score.toString());
    float[] f1 = flatten(x1);
    float[] f2 = flatten(x2);
    assertEquals(score.distance(), FrechetDistance.between(f1, n, f2, n, dim).distance(), 1e-4,
        "the float API reads the same rows (rounded to float)");
  }

  @Test
  void identicalInputsGiveZeroAndTheDistanceIsSymmetric() {
    Random random = new Random(5);
    int n = 500;
    int dim = 128;
    double[][] mix = new double[dim][dim];
    for (double[] row : mix) {
      for (int j = 0; j < dim; j++) {
        row[j] = random.nextGaussian() / 8;
      }
    }
    double[][] x = correlated(n, mix, random);
    double[][] y = correlated(n + 37, mix, random);
    assertEquals(0, FrechetDistance.between(x, x).distance(), 1e-9);
    FeatureStats stats = FeatureStats.of(x);
    assertEquals(0, FrechetDistance.between(stats, stats).distance(), 1e-9);
    double xy = FrechetDistance.between(x, y).distance();
    double yx = FrechetDistance.between(y, x).distance();
    assertTrue(xy > 1, "different samples of 128 features differ: " + xy);
    assertEquals(xy, yx, 1e-9 * xy);
  }

  /** The expected value is printed by {@code frechet_reference.py} beside this test's resources. */
  @Test
  void smallCaseMatchesNumpy() {
    double[][] x1 = {{1.0, 2.0, 0.5}, {0.3, -1.0, 2.0}, {2.5, 0.0, 1.0}, {-0.7, 1.5, -0.2}, {1.2, 0.8, 0.9},
        {0.0, -0.4, 1.7}};
    double[][] x2 = {{0.5, 1.0, -1.0}, {1.5, 2.5, 0.0}, {-1.0, 0.2, 0.4}, {0.9, -0.6, 1.1}, {2.2, 1.4, -0.3},
        {0.1, 0.0, 0.6}, {1.0, 3.0, 2.0}};
    assertEquals(1.7648711881879189, FrechetDistance.between(x1, x2).distance(), 1e-12);
  }

  @Test
  void refusesMismatchedOrTooFewFeatures() {
    FeatureStats a = new FeatureStats(new double[2], new double[2][2], 5);
    FeatureStats b = new FeatureStats(new double[3], new double[3][3], 5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(a, b));
    assertTrue(e.getMessage().startsWith("cannot compare 2 features with 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FeatureStats.of(new float[5], 2, 3));
    assertTrue(e.getMessage().contains("got n = 2 and 5 values"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> FeatureStats.of(new double[][] {{1, Double.NaN}, {0, 0}}));
    assertTrue(e.getMessage().startsWith("feature 1 of row 0 is NaN"), e.getMessage());
  }

  @Test
  void readableToString() {
    assertEquals("Fréchet distance 1.2346 (d², as FID reports it; 10 vs 20 images, 128 features)",
        new FrechetScore(1.23456, 10, 20, 128).toString());
  }

  /** An orthogonal matrix: Gram–Schmidt on Gaussian columns. */
  static double[][] randomRotation(int dim, Random random) {
    double[][] q = new double[dim][dim];
    for (int j = 0; j < dim; j++) {
      double[] col = new double[dim];
      for (int i = 0; i < dim; i++) {
        col[i] = random.nextGaussian();
      }
      for (int k = 0; k < j; k++) {
        double dot = 0;
        for (int i = 0; i < dim; i++) {
          dot += col[i] * q[i][k];
        }
        for (int i = 0; i < dim; i++) {
          col[i] -= dot * q[i][k];
        }
      }
      double norm = 0;
      for (double c : col) {
        norm += c * c;
      }
      for (int i = 0; i < dim; i++) {
        q[i][j] = col[i] / Math.sqrt(norm);
      }
    }
    return q;
  }

  /** {@code R diag(values) Rᵀ}. */
  private static double[][] rotate(double[][] r, double[] values) {
    int dim = values.length;
    double[][] m = new double[dim][dim];
    for (int i = 0; i < dim; i++) {
      for (int k = 0; k < dim; k++) {
        for (int j = 0; j < dim; j++) {
          m[i][k] += r[i][j] * values[j] * r[k][j];
        }
      }
    }
    return m;
  }

  /** Rows {@code μ + R diag(sd) z}, z standard normal: covariance {@code R diag(sd²) Rᵀ}. */
  private static double[][] sample(double[] mu, double[][] r, double[] sd, int n, Random random) {
    int dim = mu.length;
    double[][] x = new double[n][dim];
    double[] z = new double[dim];
    for (double[] row : x) {
      for (int j = 0; j < dim; j++) {
        z[j] = sd[j] * random.nextGaussian();
      }
      for (int i = 0; i < dim; i++) {
        row[i] = mu[i];
        for (int j = 0; j < dim; j++) {
          row[i] += r[i][j] * z[j];
        }
      }
    }
    return x;
  }

  private static double[][] correlated(int n, double[][] mix, Random random) {
    int dim = mix.length;
    double[][] x = new double[n][dim];
    double[] z = new double[dim];
    for (double[] row : x) {
      for (int j = 0; j < dim; j++) {
        z[j] = random.nextGaussian();
      }
      for (int i = 0; i < dim; i++) {
        for (int j = 0; j < dim; j++) {
          row[i] += mix[i][j] * z[j];
        }
      }
    }
    return x;
  }

  private static float[] flatten(double[][] x) {
    int dim = x[0].length;
    float[] out = new float[x.length * dim];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < dim; j++) {
        out[i * dim + j] = (float) x[i][j];
      }
    }
    return out;
  }
}
