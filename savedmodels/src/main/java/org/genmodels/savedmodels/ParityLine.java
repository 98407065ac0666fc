package org.genmodels.savedmodels;

/** One compared output of a parity check: its name, the largest absolute difference found, and the bar. */
public record ParityLine(String what, double maxAbsDiff, double tolerance) {
  public boolean passes() {
    return maxAbsDiff <= tolerance;
  }
}
