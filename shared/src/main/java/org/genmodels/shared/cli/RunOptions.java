package org.genmodels.shared.cli;

import java.nio.file.Path;
import org.genmodels.shared.data.DatasetName;
import picocli.CommandLine.Option;

/**
 * The run options every model's training command shares: data set, epochs, batch size, seed and
 * output directory. Each command constructs it with its own defaults, which {@code --help} shows;
 * a null default (the VAE's, whose preset decides) shows none and leaves the field null when the
 * option is not given.
 *
 * <p>The descriptions here hold for every model. A command that says more puts its own text in its
 * resource bundle under the {@code descriptionKey} ({@code run.batch-size = ...}); picocli looks
 * there first.
 */
public final class RunOptions {
  @Option(names = "--dataset", paramLabel = "NAME", descriptionKey = "run.dataset", description = "mnist or fashion.")
  public DatasetName dataset;

  @Option(names = "--epochs", paramLabel = "N", descriptionKey = "run.epochs", description = "Epochs to train.")
  public Integer epochs;

  @Option(names = "--batch-size", paramLabel = "N", descriptionKey = "run.batch-size",
      description = "Examples per step.")
  public Integer batchSize;

  @Option(names = "--seed", paramLabel = "N", descriptionKey = "run.seed",
      description = "Seed of weights, shuffling and noise.")
  public Long seed;

  @Option(names = "--output", paramLabel = "DIR", descriptionKey = "run.output",
      description = "Where pictures and checkpoints go.")
  public Path output;

  /** The model's defaults; null where a preset decides. */
  public RunOptions(DatasetName dataset, Integer epochs, Integer batchSize, Long seed, Path output) {
    this.dataset = dataset;
    this.epochs = epochs;
    this.batchSize = batchSize;
    this.seed = seed;
    this.output = output;
  }
}
