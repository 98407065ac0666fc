package org.genmodels.shared.cli;

import picocli.CommandLine.Option;

/** {@code --train-limit}: the option of the models that can train on the head of the training set. */
public final class TrainLimitOptions {
  @Option(names = "--train-limit", paramLabel = "N", descriptionKey = "run.train-limit",
      description = "Train on the first N training images only (0: all).")
  public int trainLimit;

  /** @param trainLimit the model's default; 0 for all images */
  public TrainLimitOptions(int trainLimit) {
    this.trainLimit = trainLimit;
  }
}
