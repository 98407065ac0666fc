package org.genmodels.savedmodels.sidebyside;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A finished child process: its exit code and everything it printed (standard output and error
 * together, in order). {@link #run} starts one and waits for it; the child inherits this process's
 * environment, plus {@code env}, and working directory.
 *
 * @param command what ran
 * @param code its exit code
 * @param output what it printed
 */
public record ProcessRun(List<String> command, int code, String output) {
  private static final int TAIL_LINES = 15;

  public ProcessRun {
    command = List.copyOf(command);
  }

  /**
   * Runs {@code command} to its end.
   *
   * @throws UncheckedIOException when it cannot be started (the program is missing or not executable)
   */
  public static ProcessRun run(List<String> command, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return new ProcessRun(command, p.waitFor(), out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + command.get(0) + " ran", e);
    }
  }

  /**
   * This run, when it exited with 0.
   *
   * @throws IllegalStateException giving the command, the code and the last lines it printed, otherwise
   */
  public ProcessRun requireSuccess() {
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (exit code " + code + "); its last lines:"
          + System.lineSeparator() + tail());
    }
    return this;
  }

  /** The last lines printed, for messages. */
  public String tail() {
    List<String> lines = Arrays.asList(output.split("\\R"));
    return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()).stream()
        .collect(Collectors.joining(System.lineSeparator()));
  }
}
