package org.genmodels.shared.cli;

import picocli.CommandLine.Option;

/**
 * Adam's learning rate, the optimizer option every model's training command shares; constructed
 * with the model's default (null where a preset decides). A command with more to say about its
 * Adam (its betas, epsilon) says it under {@code run.lr} in its resource bundle.
 */
public final class AdamOptions {
  @Option(names = "--lr", paramLabel = "RATE", descriptionKey = "run.lr", description = "Adam learning rate.")
  public Float learningRate;

  /** @param learningRate the model's default, or null */
  public AdamOptions(Float learningRate) {
    this.learningRate = learningRate;
  }
}
