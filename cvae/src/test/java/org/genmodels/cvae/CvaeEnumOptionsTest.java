package org.genmodels.cvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.nn.WeightInit;
import org.genmodels.shared.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@code --init}: typed, in any case, limited to the schemes the CVAE offers. */
class CvaeEnumOptionsTest {
  @Test
  void aMixedCaseNameGivesItsConstantAndTheDefaultIsTorch() {
    CvaeCommand main = new CvaeCommand();
    Cli.commandLine(main).parseArgs("--init", "PaDDle");
    assertEquals(WeightInit.PADDLE, main.settings().init());
    CvaeCommand defaults = new CvaeCommand();
    Cli.commandLine(defaults).parseArgs();
    assertEquals(WeightInit.TORCH, defaults.settings().init());
    String help = CliRun.run(new CvaeCommand(), "--help").flatOut();
    assertTrue(help.contains("paddle (the seed's Paddle defaults) or keras. Default: torch"), help);
  }

  @Test
  void aBadNameIsOneErrorLineListingTheValidOnes() {
    // truncated-normal is a WeightInit, but not one the CVAE offers
    CliRun.Output r = CliRun.run(new CvaeCommand(), "--init", "truncated-normal");
    assertEquals(Cli.USER_ERROR, r.code());
    assertEquals("error: unknown value 'truncated-normal' for --init: use torch, paddle or keras\n", r.err());
  }
}
