package org.genmodels.shared.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.genmodels.shared.data.DatasetException;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.train.NonFiniteLossException;
import picocli.CommandLine;

/**
 * Runs a picocli command the same way for every model: {@code --help} with defaults shown, the
 * project's converters registered, and failures the user can fix printed as one clear
 * {@code error: ...} message (exit code 2) rather than a stack trace. Set {@code GENMODELS_DEBUG=1}
 * to see stack traces.
 */
public final class Cli {
  /** Exit code for a failure the user can fix (bad input, missing data, unwritable output). */
  public static final int USER_ERROR = 2;

  private Cli() {
  }

  /** Parses {@code args}, runs the command and returns its exit code. */
  public static int execute(Object command, String... args) {
    CommandLine cl = new CommandLine(command);
    setVersion(cl, new Version());
    cl.registerConverter(DatasetName.class, DatasetName::fromCliName);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
      Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
      if (System.getenv("GENMODELS_DEBUG") != null || !isUserError(cause)) {
        cause.printStackTrace(cmd.getErr());
      }
      cmd.getErr().println(cmd.getColorScheme().errorText("error: " + message(cause)));
      return isUserError(cause) ? USER_ERROR : 1;
    });
    return cl.execute(args);
  }

  /** {@code -V} of the command and of every subcommand prints {@code version}. */
  private static void setVersion(CommandLine cl, CommandLine.IVersionProvider version) {
    cl.getCommandSpec().versionProvider(version);
    cl.getSubcommands().values().forEach(sub -> setVersion(sub, version));
  }

  /** Runs the command and exits the JVM with its exit code. */
  public static void main(Object command, String... args) {
    System.exit(execute(command, args));
  }

  private static boolean isUserError(Throwable t) {
    return t instanceof DatasetException || t instanceof IllegalArgumentException
        || t instanceof NonFiniteLossException || t instanceof IOException
        || t instanceof UserException;
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.toString() : m;
  }
}
