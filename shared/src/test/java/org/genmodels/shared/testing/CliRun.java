package org.genmodels.shared.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

  public static Output run(Object command, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Cli.execute(command, args);
      return new Output(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
