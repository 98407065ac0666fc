package org.genmodels.ae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.model.ModelMain;
import org.genmodels.shared.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@link ModelMain} with this module's plug-in, the only one on the class path: {@code ae}. */
class ModelMainTest {
  private static CliRun.Output main(String... args) {
    return CliRun.capture(() -> ModelMain.execute(args));
  }

  @Test
  void theFirstArgumentPicksTheModelAndTheRestGoToItsCommand() {
    CliRun.Output help = main("ae", "--help");
    assertEquals(0, help.code(), help.err());
    assertTrue(help.out().startsWith("Usage: ae "), help.out());

    CliRun.Output sub = main("AE", "benchmark", "--help");
    assertEquals(0, sub.code(), sub.err());
    assertTrue(sub.out().startsWith("Usage: ae benchmark "), sub.out());

    // the autoencoder's own check of its options, with Cli's exit code
    CliRun.Output bad = main("ae", "--epochs", "0");
    assertEquals(Cli.USER_ERROR, bad.code());
    assertEquals("", bad.out());
    assertEquals(List.of("error: epochs must be at least 1, got 0"), bad.err().lines().toList());
  }

  @Test
  void anUnknownModelIsOneErrorLineNamingTheModelsFound() {
    CliRun.Output unknown = main("gan", "--epochs", "1");
    assertEquals(Cli.USER_ERROR, unknown.code());
    assertEquals("", unknown.out());
    assertEquals(List.of("error: unknown model 'gan': use ae"), unknown.err().lines().toList());
  }

  @Test
  void noModelIsOneErrorLineNamingTheModelsFound() {
    CliRun.Output none = main();
    assertEquals(Cli.USER_ERROR, none.code());
    assertEquals("", none.out());
    assertEquals(List.of("error: no model given: the first argument names it, one of ae"), none.err().lines().toList());
  }
}
