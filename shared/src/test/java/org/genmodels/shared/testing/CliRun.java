package org.genmodels.shared.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import org.genmodels.shared.cli.Cli;

/** Runs a command-line entry point in-process and captures what it prints. */
public final class CliRun {
  /** The exit code and the text written to standard output and error. */
  public record Output(int code, String out, String err) {
    /** Standard output with runs of white space (help text wrapping) folded to one space. */
    public String flatOut() {
      return out.replaceAll("\\s+", " ");
    }
  }

  private CliRun() {
  }

  /** Runs {@code command} with {@code args} through {@link Cli#execute}. */
  public static Output run(Object command, String... args) {
    return capture(() -> Cli.execute(command, args));
  }

  /** Runs {@code main}, an entry point that returns its exit code, with standard output and error captured. */
  public static Output capture(IntSupplier main) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = main.getAsInt();
      return new Output(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
