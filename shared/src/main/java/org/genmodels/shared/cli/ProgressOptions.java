package org.genmodels.shared.cli;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.train.EpochLogger;
import org.genmodels.shared.train.ProgressBarDisplay;
import org.genmodels.shared.train.StepLogger;
import org.genmodels.shared.train.TrainingListener;
import picocli.CommandLine.Option;

/** How a run reports progress: the options every model's command shares. */
public final class ProgressOptions {
  @Option(names = "--log-every", paramLabel = "N",
      description = "Log epoch, step and loss every N steps, as the seeds do; 0 = never.")
  public int logEvery = 100;

  @Option(names = "--progress", negatable = true, defaultValue = "true",
      description = "Show a progress bar per epoch when the output is a terminal; --no-progress"
          + " hides it (default: shown).")
  public boolean progress;

  /** The progress listeners these options ask for: bar, step log, epoch summary. */
  public List<TrainingListener> listeners(Console console) {
    List<TrainingListener> listeners = new ArrayList<>();
    if (progress) {
      listeners.add(new ProgressBarDisplay(console));
    }
    listeners.add(new StepLogger(console, logEvery));
    listeners.add(new EpochLogger(console));
    return listeners;
  }
}
