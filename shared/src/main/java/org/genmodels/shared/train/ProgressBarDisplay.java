package org.genmodels.shared.train;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.genmodels.shared.cli.Console;

/**
 * A Keras-style progress bar per epoch ({@code Epoch 3/10 [=====>    ] 60/117 loss 0.3123}),
 * drawn with the {@code progressbar} library on the console's status line. Shows nothing when the
 * console is not a terminal, as Keras' bar does. Not thread-safe (called from the training loop).
 */
public final class ProgressBarDisplay implements TrainingListener {
  private final Console console;
  private ProgressBar bar;

  public ProgressBarDisplay(Console console) {
    this.console = console;
  }

  @Override
  public void onEpochStart(int epoch, int epochs, int steps) {
    if (!console.interactive()) {
      return;
    }
    bar = new ProgressBarBuilder()
        .setTaskName(String.format(Locale.ROOT, "Epoch %d/%d", epoch, epochs))
        .setInitialMax(steps)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .setConsumer(new StatusLine(console))
        .clearDisplayOnFinish()
        .build();
  }

  @Override
  public void onStep(StepResult step) {
    if (bar != null) {
      bar.stepTo(step.step() + 1);
      bar.setExtraMessage(step.metrics().format(4));
    }
  }

  @Override
  public void onEpochEnd(EpochResult result) {
    if (bar != null) {
      bar.close();
      bar = null;
      console.clearStatus();
    }
  }

  /** Sends the rendered bar to the console's status line. */
  private static final class StatusLine implements ProgressBarConsumer {
    private final Console console;

    StatusLine(Console console) {
      this.console = console;
    }

    @Override
    public int getMaxRenderedLength() {
      return 100;
    }

    @Override
    public void accept(String rendered) {
      console.status(rendered);
    }

    @Override
    public void clear() {
      console.clearStatus();
    }

    @Override
    public void close() {
    }
  }
}
