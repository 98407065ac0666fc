package org.genmodels.shared.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for one task, drawn with the {@code progressbar} library on the console's status
 * line (nothing when the console is not a terminal). Close it when the task ends. Not thread-safe.
 */
public final class Progress implements AutoCloseable {
  private final Console console;
  private final ProgressBar bar;

  private Progress(Console console, ProgressBar bar) {
    this.console = console;
    this.bar = bar;
  }

  /** Starts a bar named {@code task} running to {@code max}. */
  public static Progress start(Console console, String task, long max) {
    if (!console.interactive()) {
      return new Progress(console, null);
    }
    ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
        .setConsumer(new StatusLine(console)).clearDisplayOnFinish().build();
    return new Progress(console, bar);
  }

  /** Moves the bar to {@code done} and shows {@code message} beside it. */
  public void update(long done, String message) {
    if (bar != null) {
      bar.stepTo(done);
      bar.setExtraMessage(message);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
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
