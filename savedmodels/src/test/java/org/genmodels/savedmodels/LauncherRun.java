package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code genmodels} launcher script as a separate process, the way a shell runs it (the
 * script itself is the command, so its {@code #!} line and executable bit count), in a working
 * directory of the test's choosing, and returns its exit code and what it wrote to standard output
 * and error. Not thread safe: one run at a time per {@code scratch} folder.
 */
final class LauncherRun {
  /** The exit code and the text of standard output and error. */
  record Output(int code, String out, String err) {
    /** Standard error's lines. */
    List<String> errLines() {
      return err.isEmpty() ? List.of() : List.of(err.split("\n"));
    }
  }

  /** The variables that would change the launcher's behaviour, removed unless a test sets them. */
  private static final List<String> LAUNCHER_VARIABLES = List.of("GENMODELS_DATA", "GENMODELS_CLASSPATH",
      "GENMODELS_MAVEN_ARGS", "GENMODELS_DEBUG", "JAVA_OPTS", "TF_ENABLE_ONEDNN_OPTS");

  private LauncherRun() {
  }

  /** The launcher of this checkout: {@code ../genmodels} from the module folder the tests run in. */
  static Path checkoutScript() {
    Path script = Path.of("").toAbsolutePath().getParent().resolve("genmodels");
    assertTrue(Files.isRegularFile(script), "the launcher is not at " + script
        + ": the tests run in the savedmodels module folder of a checkout");
    return script;
  }

  /**
   * Runs {@code script args} in {@code workDir} with the test JVM's environment less the launcher's
   * own variables, plus {@code env}; the output goes through files in {@code scratch}.
   */
  static Output run(Path script, Path workDir, Path scratch, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(script.toString());
    command.addAll(List.of(args));
    Path out = scratch.resolve("launcher.out");
    Path err = scratch.resolve("launcher.err");
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    LAUNCHER_VARIABLES.forEach(pb.environment()::remove);
    pb.environment().putAll(env);
    Process p = pb.start();
    // a hung launcher fails the test rather than the build; no run here comes near this
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("the launcher did not end within 5 minutes: " + command);
    }
    return new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
