package org.genmodels.shared.judge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
  /**
   * [[1, 2], [2, -2]]: det(A − λI) = λ² + λ − 6 = (λ + 3)(λ − 2), so λ = −3 with eigenvector
   * (1, −2)/√5 and λ = 2 with (2, 1)/√5 (solving (A − λI) v = 0 by hand).
   */
  @Test
  void handComputedTwoByTwo() {
    SymmetricEigen e = SymmetricEigen.of(new double[][] {{1, 2}, {2, -2}});
    assertArrayEquals(new double[] {-3, 2}, e.values(), 1e-14);
    double r5 = Math.sqrt(5);
    assertColumn(new double[] {1 / r5, -2 / r5}, e.vectors(), 0);
    assertColumn(new double[] {2 / r5, 1 / r5}, e.vectors(), 1);
  }

  /** Compares column {@code j} with {@code expected} up to the sign, which is arbitrary. */
  private static void assertColumn(double[] expected, double[][] vectors, int j) {
    double sign = Math.signum(vectors[0][j]) * Math.signum(expected[0]);
    for (int k = 0; k < expected.length; k++) {
      assertEquals(expected[k], sign * vectors[k][j], 1e-14, "component " + k + " of eigenvector " + j);
    }
  }

  @Test
  void diagonalMatrixGivesItsDiagonalSorted() {
    SymmetricEigen e = SymmetricEigen.of(new double[][] {{3, 0, 0}, {0, -1, 0}, {0, 0, 2}});
    assertArrayEquals(new double[] {-1, 2, 3}, e.values(), 0);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 40, 128})
  void randomSymmetricMatricesAreReconstructed(int n) {
    Random random = new Random(n);
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        a[i][j] = random.nextGaussian() * 3;
        a[j][i] = a[i][j];
      }
    }
    SymmetricEigen e = SymmetricEigen.of(a);
    double[][] v = e.vectors();
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double reconstructed = 0;
        double gram = 0;
        for (int j = 0; j < n; j++) {
          reconstructed += v[i][j] * e.values()[j] * v[k][j];
          gram += v[j][i] * v[j][k];
        }
        assertEquals(a[i][k], reconstructed, 1e-9, "A = V Λ Vᵀ at (" + i + ", " + k + ")");
        assertEquals(i == k ? 1 : 0, gram, 1e-12, "Vᵀ V = I at (" + i + ", " + k + ")");
      }
    }
    for (int j = 1; j < n; j++) {
      assertEquals(true, e.values()[j - 1] <= e.values()[j], "ascending");
    }
  }

  @Test
  void repeatedEigenvaluesAndTheSquareRoot() {
    // Q = I − 2 u uᵀ (a reflection, orthogonal) with u = (1, 1, 1, 1)/2, and A = Q diag(4, 4, 9, 0) Qᵀ
    double[] u = {0.5, 0.5, 0.5, 0.5};
    double[] d = {4, 4, 9, 0};
    double[][] q = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        q[i][j] = (i == j ? 1 : 0) - 2 * u[i] * u[j];
      }
    }
    double[][] a = new double[4][4];
    double[][] root = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int k = 0; k < 4; k++) {
        for (int j = 0; j < 4; j++) {
          a[i][k] += q[i][j] * d[j] * q[k][j];
          root[i][k] += q[i][j] * Math.sqrt(d[j]) * q[k][j];
        }
      }
    }
    SymmetricEigen e = SymmetricEigen.of(a);
    assertArrayEquals(new double[] {0, 4, 4, 9}, e.values(), 1e-13);
    double[][] sqrt = e.apply(v -> Math.sqrt(Math.max(v, 0)));
    for (int i = 0; i < 4; i++) {
      assertArrayEquals(root[i], sqrt[i], 1e-13);
    }
  }

  @Test
  void refusesNonSquareAndNonFinite() {
    assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.of(new double[][] {{1, 2}, {3}}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SymmetricEigen.of(new double[][] {{1, Double.NaN}, {0, 1}}));
    assertEquals("entry (0, 1) is NaN: the matrix must be finite", e.getMessage());
  }
}
