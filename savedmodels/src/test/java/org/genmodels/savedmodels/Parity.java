package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Element-wise comparisons for the parity tests. */
final class Parity {
  private Parity() {
  }

  /** The largest absolute difference of two arrays of the same length (infinite for a NaN). */
  static double maxAbsError(float[] a, float[] b) {
    assertEquals(a.length, b.length, "lengths");
    return ParityCommand.maxAbsError(a, b);
  }
}
