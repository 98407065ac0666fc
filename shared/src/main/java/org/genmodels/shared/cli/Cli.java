package org.genmodels.shared.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.genmodels.shared.data.DatasetException;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.train.NonFiniteLossException;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Runs a picocli command the same way for every model: {@code --help} with defaults shown, the
 * project's converters registered (data set names, and every {@link CliName} enum through
 * {@link CliNameConverter}), and failures the user can fix — a bad option value among them —
 * printed as one clear {@code error: ...} message (exit code 2) rather than a stack trace. Set
 * {@code GENMODELS_DEBUG=1} to see stack traces.
 */
public final class Cli {
  /** Exit code for a failure the user can fix (bad input, missing data, unwritable output). */
  public static final int USER_ERROR = 2;

  private Cli() {
  }

  /** Parses {@code args}, runs the command and returns its exit code. */
  public static int execute(Object command, String... args) {
    return commandLine(command).execute(args);
  }

  /**
   * The picocli command line {@link #execute} runs: {@code command} with the project's version,
   * converters and error handling; for tests that parse without running.
   */
  public static CommandLine commandLine(Object command) {
    CommandLine cl = new CommandLine(command);
    setVersion(cl, new Version());
    cl.registerConverter(DatasetName.class, Cli::dataset);
    CliNameConverter.registerAll(cl);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(oneLineForBadValues(cl.getParameterExceptionHandler()));
    cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
      Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
      if (System.getenv("GENMODELS_DEBUG") != null || !isUserError(cause)) {
        cause.printStackTrace(cmd.getErr());
      }
      cmd.getErr().println(cmd.getColorScheme().errorText("error: " + message(cause)));
      return isUserError(cause) ? USER_ERROR : 1;
    });
    return cl;
  }

  private static DatasetName dataset(String name) {
    try {
      return DatasetName.fromCliName(name);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  /**
   * A value an option's converter refused is one {@code error:} line naming the option, the value
   * and (for a {@link CliName}) the valid ones; other usage errors keep picocli's message and usage.
   */
  private static CommandLine.IParameterExceptionHandler oneLineForBadValues(
      CommandLine.IParameterExceptionHandler usual) {
    return (ex, args) -> {
      ArgSpec arg = ex.getArgSpec();
      if (ex.getCause() == null || arg == null) {
        return usual.handleParseException(ex, args);
      }
      String message = ex.getCause() instanceof CliNameConverter.UnknownName u
          ? u.messageFor(arg.isOption() ? ((OptionSpec) arg).longestName() : arg.paramLabel())
          : ex.getMessage();
      CommandLine cmd = ex.getCommandLine();
      cmd.getErr().println(cmd.getColorScheme().errorText("error: " + message));
      return USER_ERROR;
    };
  }

  /** {@code -V} of the command and of every subcommand prints {@code version}. */
  private static void setVersion(CommandLine cl, CommandLine.IVersionProvider version) {
    cl.getCommandSpec().versionProvider(version);
    cl.getSubcommands().values().forEach(sub -> setVersion(sub, version));
  }

  /**
   * Prints {@code message} as {@link #execute} prints a usage error, one {@code error:} line on
   * standard error, and returns {@link #USER_ERROR}: for an entry point that fails before it has a
   * command to run (a {@code main} given no model or an unknown one).
   */
  public static int usageError(String message) {
    System.err.println(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.AUTO).errorText("error: " + message));
    return USER_ERROR;
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
