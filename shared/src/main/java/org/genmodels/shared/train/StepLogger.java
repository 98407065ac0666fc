package org.genmodels.shared.train;

import java.util.Locale;
import org.genmodels.shared.cli.Console;

/**
 * Logs every {@code every}-th step as the seeds print it: epoch, step and the step's loss (and
 * any other metric). Epochs are 1-based; steps 0-based within the epoch, as the seeds count them.
 */
public final class StepLogger implements TrainingListener {
  private final Console console;
  private final int every;

  /** @param every log steps 0, every, 2·every, ... of each epoch; 0 logs none */
  public StepLogger(Console console, int every) {
    if (every < 0) {
      throw new IllegalArgumentException("log interval must be 0 (off) or positive, got " + every);
    }
    this.console = console;
    this.every = every;
  }

  @Override
  public void onStep(StepResult step) {
    if (every > 0 && step.step() % every == 0) {
      console.println(String.format(Locale.ROOT, "epoch %3d  step %4d  %s", step.epoch(),
          step.step(), step.metrics().format(6)));
    }
  }
}
