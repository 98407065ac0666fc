package org.genmodels.shared.data;

import java.util.SplittableRandom;

/**
 * Splits {@code size} examples into batches, epoch by epoch. With shuffling, each epoch visits the
 * examples in a permutation drawn from {@code (seed, epoch)} alone, so a run resumed at epoch e
 * sees exactly the batches an uninterrupted run would. The seeds' {@code shuffle(5 × batch)} buffer
 * only approximates this full shuffle; batch sizes and the partial last batch follow the seeds
 * ({@code dropLast} false keeps it, as {@code tf.data}'s {@code batch} does; the Paddle CVAE drops it).
 * Immutable and thread-safe.
 */
public final class Batcher {
  private final int size;
  private final int batchSize;
  private final boolean shuffle;
  private final boolean dropLast;
  private final long seed;

  public Batcher(int size, int batchSize, boolean shuffle, boolean dropLast, long seed) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
    }
    if (size <= 0) {
      throw new IllegalArgumentException("no examples to batch");
    }
    if (dropLast && batchSize > size) {
      throw new IllegalArgumentException("batch size " + batchSize + " is larger than the "
          + size + " examples, and the last partial batch is dropped: no batch is left");
    }
    this.size = size;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    this.seed = seed;
  }

  /** Batches per epoch. */
  public int steps() {
    return dropLast ? size / batchSize : (size + batchSize - 1) / batchSize;
  }

  public int batchSize() {
    return batchSize;
  }

  /** The example indices of every batch of epoch {@code epoch} (0-based), in order. */
  public int[][] epoch(int epoch) {
    int[] order = order(epoch);
    int steps = steps();
    int[][] batches = new int[steps][];
    for (int s = 0; s < steps; s++) {
      int from = s * batchSize;
      int n = Math.min(batchSize, size - from);
      batches[s] = new int[n];
      System.arraycopy(order, from, batches[s], 0, n);
    }
    return batches;
  }

  private int[] order(int epoch) {
    int[] order = ImageSet.firstIndices(size);
    if (!shuffle) {
      return order;
    }
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
