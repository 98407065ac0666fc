package org.genmodels.shared.nn;

/**
 * Hands out a distinct {@code (seed, seed2)} pair to every random op of one graph. TF Java has no
 * graph-level seed, and two random ops with the same pair draw the same numbers, so each op takes
 * its own pair: the run's seed and a counter. Building the same graph in the same order with the
 * same seed therefore gives the same random streams in any process. Not thread-safe: one graph is
 * built by one thread.
 */
public final class Seeds {
  private final long seed;
  private long next = 1;

  public Seeds(long seed) {
    this.seed = seed;
  }

  /** The next pair {@code {seed, counter}}. */
  public long[] next() {
    return new long[] {seed, next++};
  }

  public long seed() {
    return seed;
  }
}
