package org.genmodels.shared.model;

import java.util.List;
import org.genmodels.shared.train.EpochResult;
import picocli.CommandLine.Option;

/**
 * The options of a benchmark that times whole training epochs (all the training images at the
 * settings' batch size; data loading and evaluation excluded), with the model's defaults: a
 * picocli mixin for a model's {@link Benchmarkable}.
 */
public final class EpochBenchmarkOptions {
  @Option(names = "--epochs", paramLabel = "N", description = "Timed epochs.")
  public int epochs;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed epochs first (graph optimisation, caches).")
  public int warmup;

  public EpochBenchmarkOptions(int epochs, int warmup) {
    this.epochs = epochs;
    this.warmup = warmup;
  }

  /**
   * The epochs to train: the warm-up and the timed ones.
   *
   * @throws IllegalArgumentException unless at least one epoch is timed and the warm-up is not negative
   */
  public int total() {
    if (epochs < 1 || warmup < 0) {
      throw new IllegalArgumentException("benchmark needs --epochs of at least 1 and --warmup of at least 0, got "
          + epochs + " and " + warmup);
    }
    return warmup + epochs;
  }

  /**
   * The timed epochs of {@code history}, a run of {@link #total()} epochs.
   *
   * @param images training images per epoch
   */
  public Benchmark.Training timed(List<EpochResult> history, int images, int batchSize) {
    double[] seconds = history.subList(Math.min(warmup, history.size()), history.size()).stream()
        .mapToDouble(EpochResult::trainSeconds).toArray();
    return new Benchmark.Training("epoch", seconds, images + " images, batch " + batchSize);
  }
}
