package org.genmodels.shared.train;

import java.util.Locale;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.Progress;

/**
 * A Keras-style progress bar per epoch ({@code Epoch 3/10 [=====>    ] 60/117 loss 0.3123}) on the
 * console's status line. Shows nothing when the console is not a terminal, as Keras' bar does.
 * Not thread-safe (called from the training loop).
 */
public final class ProgressBarDisplay implements TrainingListener {
  private final Console console;
  private Progress bar;

  public ProgressBarDisplay(Console console) {
    this.console = console;
  }

  @Override
  public void onEpochStart(int epoch, int epochs, int steps) {
    bar = Progress.start(console, String.format(Locale.ROOT, "Epoch %d/%d", epoch, epochs), steps);
  }

  @Override
  public void onStep(StepResult step) {
    bar.update(step.step() + 1, step.metrics().format(4));
  }

  @Override
  public void onEpochEnd(EpochResult result) {
    bar.close();
  }
}
