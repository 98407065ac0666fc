package org.genmodels.shared.model;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * One model built and ready for {@link BenchmarkCommand} to time: its training, then any calls
 * worth timing after it (reconstructing the test set, sampling). Made by
 * {@link Benchmarkable#open}; the command closes it, which closes the model. Not thread-safe.
 */
public interface Benchmark extends AutoCloseable {
  /**
   * Timed units of training.
   *
   * @param unit {@code epoch} or {@code step}
   * @param seconds the training seconds of each timed unit, in order (the warm-up excluded)
   * @param detail what a unit is, e.g. {@code 60000 images, batch 512}
   */
  record Training(String unit, double[] seconds, String detail) {
    public Training {
      if (seconds.length == 0) {
        throw new IllegalArgumentException("nothing was timed: give at least one timed " + unit);
      }
    }
  }

  /**
   * A call timed after training: {@code call.accept(-1)} once untimed (caches, graph
   * optimisation), then {@code call.accept(i)} for run {@code i = 0 … runs − 1}.
   *
   * @param name e.g. {@code reconstruct}
   * @param items what one call makes, e.g. 10 000 images
   * @param itemNoun {@code images}
   * @param detail e.g. {@code the test set}
   */
  record Operation(String name, int runs, int items, String itemNoun, String detail, IntConsumer call) {
  }

  /** Trains the warm-up units untimed, then the timed ones, and returns the timed ones' seconds. */
  Training train();

  /** The calls to time after training; none unless the model has some. */
  default List<Operation> operations() {
    return List.of();
  }

  /** Closes the model. */
  @Override
  void close();
}
