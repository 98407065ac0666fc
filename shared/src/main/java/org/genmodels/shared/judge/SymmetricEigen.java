package org.genmodels.shared.judge;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * The eigen-decomposition {@code A = V Λ Vᵀ} of a real symmetric matrix by the cyclic Jacobi
 * method, in double precision: sweeps of plane rotations, each zeroing one off-diagonal pair, until
 * the off-diagonal part is below {@code 1e-15} of the matrix' Frobenius norm. Accurate to a few ulps
 * of the norm and fast enough for the judge's 128 × 128 covariances (tens of milliseconds).
 *
 * <p>Only the upper and lower triangles' average is read, so a matrix symmetric up to rounding is
 * fine. Immutable; the arrays returned are copies the caller owns. Thread-safe.
 *
 * @param values  the {@code n} eigenvalues, ascending
 * @param vectors {@code n × n}, column {@code j} the unit eigenvector of {@code values[j]}
 */
record SymmetricEigen(double[] values, double[][] vectors) {
  private static final int MAX_SWEEPS = 100;
  private static final double TOLERANCE = 1e-15;

  /** Decomposes {@code matrix} ({@code n × n}, symmetric); {@code matrix} is not changed. */
  static SymmetricEigen of(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][n];
    double norm2 = 0;
    for (int i = 0; i < n; i++) {
      if (matrix[i].length != n) {
        throw new IllegalArgumentException("row " + i + " has " + matrix[i].length + " entries, expected " + n
            + ": the matrix must be square");
      }
      for (int j = 0; j < n; j++) {
        double v = (matrix[i][j] + matrix[j][i]) / 2;
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("entry (" + i + ", " + j + ") is " + matrix[i][j] + ": the matrix must be finite");
        }
        a[i][j] = v;
        norm2 += v * v;
      }
    }
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      v[i][i] = 1;
    }
    double threshold = TOLERANCE * TOLERANCE * norm2;
    for (int sweep = 0; offDiagonal(a) > threshold; sweep++) {
      if (sweep == MAX_SWEEPS) {
        throw new IllegalStateException("Jacobi eigenvalue iteration did not converge in " + MAX_SWEEPS
            + " sweeps for a " + n + " × " + n + " matrix");
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          rotate(a, v, p, q);
        }
      }
    }
    return sorted(a, v);
  }

  /** The sum of squares above the diagonal. */
  private static double offDiagonal(double[][] a) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = i + 1; j < a.length; j++) {
        sum += a[i][j] * a[i][j];
      }
    }
    return sum;
  }

  /**
   * {@code A ← Jᵀ A J} and {@code V ← V J} for the rotation J in the (p, q) plane that makes
   * {@code A[p][q]} zero: {@code tan} is the smaller root of {@code t² + 2θt − 1 = 0} with
   * {@code θ = (A[q][q] − A[p][p]) / (2 A[p][q])}, which keeps the rotation angle below π/4.
   */
  private static void rotate(double[][] a, double[][] v, int p, int q) {
    double apq = a[p][q];
    if (apq == 0) {
      return;
    }
    double theta = (a[q][q] - a[p][p]) / (2 * apq);
    double t = Math.abs(theta) > 1e150 ? 1 / (2 * theta)
        : Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    int n = a.length;
    for (int k = 0; k < n; k++) {
      double akp = a[k][p];
      double akq = a[k][q];
      a[k][p] = c * akp - s * akq;
      a[k][q] = s * akp + c * akq;
    }
    for (int k = 0; k < n; k++) {
      double apk = a[p][k];
      double aqk = a[q][k];
      a[p][k] = c * apk - s * aqk;
      a[q][k] = s * apk + c * aqk;
    }
    a[p][q] = 0;
    a[q][p] = 0;
    for (int k = 0; k < n; k++) {
      double vkp = v[k][p];
      double vkq = v[k][q];
      v[k][p] = c * vkp - s * vkq;
      v[k][q] = s * vkp + c * vkq;
    }
  }

  private static SymmetricEigen sorted(double[][] a, double[][] v) {
    int n = a.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> Double.compare(a[i][i], a[j][j]));
    double[] values = new double[n];
    double[][] vectors = new double[n][n];
    for (int j = 0; j < n; j++) {
      values[j] = a[order[j]][order[j]];
      for (int k = 0; k < n; k++) {
        vectors[k][j] = v[k][order[j]];
      }
    }
    return new SymmetricEigen(values, vectors);
  }

  /**
   * {@code V f(Λ) Vᵀ} with {@code f} applied to every eigenvalue: with {@code f = sqrt} of the
   * clamped value, the symmetric square root of a positive semi-definite matrix.
   */
  double[][] apply(DoubleUnaryOperator f) {
    int n = values.length;
    double[] fv = new double[n];
    for (int j = 0; j < n; j++) {
      fv[j] = f.applyAsDouble(values[j]);
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = i; k < n; k++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          sum += vectors[i][j] * fv[j] * vectors[k][j];
        }
        out[i][k] = sum;
        out[k][i] = sum;
      }
    }
    return out;
  }
}
