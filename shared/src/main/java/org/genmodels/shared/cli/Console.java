package org.genmodels.shared.cli;

import java.io.PrintStream;

/**
 * The user's terminal: permanent lines, and one transient status line (a progress bar) that
 * permanent lines are printed above. When the output is not a terminal (a file, a pipe, CI) the
 * status line is dropped, so logs hold only permanent lines. Thread-safe: the progress bar renders
 * from its own thread.
 */
public final class Console {
  private final PrintStream out;
  private final boolean interactive;
  private String status = "";

  public Console(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  /** Standard output; interactive when the JVM has a terminal. */
  public static Console standard() {
    return new Console(System.out, System.console() != null);
  }

  /** Whether a status line can be shown. */
  public boolean interactive() {
    return interactive;
  }

  /** Prints a permanent line, above the status line if one is shown. */
  public synchronized void println(String line) {
    if (!status.isEmpty()) {
      out.print("\r\033[2K");
    }
    out.println(line);
    if (!status.isEmpty()) {
      out.print(status);
    }
    out.flush();
  }

  /** Replaces the status line (ignored when not interactive). */
  public synchronized void status(String line) {
    if (!interactive) {
      return;
    }
    out.print("\r\033[2K" + line);
    out.flush();
    status = line;
  }

  /** Removes the status line. */
  public synchronized void clearStatus() {
    if (!status.isEmpty()) {
      out.print("\r\033[2K");
      out.flush();
      status = "";
    }
  }
}
