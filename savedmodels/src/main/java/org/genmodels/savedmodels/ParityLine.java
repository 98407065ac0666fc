package org.genmodels.savedmodels;

public record ParityLine(String what, double maxAbsDiff, double tolerance) { public boolean passes() { return maxAbsDiff <= tolerance; } }
