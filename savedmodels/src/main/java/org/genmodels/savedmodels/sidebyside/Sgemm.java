package org.genmodels.savedmodels.sidebyside;

/**
 * A measured single-precision matrix product rate: the best time of one {@code n × n} by
 * {@code n × n} float32 product, which is {@code 2n³} floating-point operations.
 *
 * @param source what multiplied, e.g. {@code TensorFlow MatMul}
 * @param n the matrices' side
 * @param seconds the fastest product's seconds
 */
public record Sgemm(String source, int n, double seconds) {
  public Sgemm {
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("an SGEMM time must be positive, got " + seconds + " s");
    }
  }

  /** Floating-point operations per second, in billions. */
  public double gflops() {
    return 2.0 * n * n * n / seconds / 1e9;
  }
}
