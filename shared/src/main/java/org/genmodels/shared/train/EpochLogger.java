package org.genmodels.shared.train;

import java.util.Locale;
import org.genmodels.shared.cli.Console;

/** One line per epoch: train and test metrics and the time taken; and where a resumed run starts. */
public final class EpochLogger implements TrainingListener {
  private final Console console;

  public EpochLogger(Console console) {
    this.console = console;
  }

  @Override
  public void onResume(ResumePoint start) {
    console.println(start.describe());
  }

  @Override
  public void onEpochEnd(EpochResult r) {
    console.println(String.format(Locale.ROOT, "Epoch %d/%d  train: %s  |  test: %s  (%.1f s + %.1f s eval)",
        r.epoch(), r.epochs(), r.train().format(4), r.test().format(4), r.trainSeconds(),
        r.evalSeconds()));
  }
}
