package org.genmodels.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.genmodels.shared.testing.CliRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** {@code -V} prints the project's and TensorFlow Java's versions, on a command and its subcommands. */
class VersionTest {
  @Command(name = "sub", mixinStandardHelpOptions = true)
  static final class Sub implements Runnable {
    @Override
    public void run() {
    }
  }

  @Command(name = "top", mixinStandardHelpOptions = true, subcommands = Sub.class)
  static final class Top implements Runnable {
    @Override
    public void run() {
    }
  }

  @Test
  void printsTheVersionsTheBuildWroteIn() {
    String expected = "genmodels " + Version.project() + " (TensorFlow Java 1.1.0, Java " + Runtime.version() + ")";
    assertTrue(Version.project().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), Version.project());
    CliRun.Output top = CliRun.run(new Top(), "-V");
    assertEquals(0, top.code());
    assertEquals(expected, top.out().strip());
    CliRun.Output sub = CliRun.run(new Top(), "sub", "--version");
    assertEquals(expected, sub.out().strip());
  }
}
