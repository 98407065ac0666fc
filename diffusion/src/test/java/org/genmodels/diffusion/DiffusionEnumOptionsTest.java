package org.genmodels.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@code --preset}: typed, in any case. */
class DiffusionEnumOptionsTest {
  @Test
  void aMixedCaseNameGivesItsPreset() {
    DiffusionCommand main = new DiffusionCommand();
    Cli.commandLine(main).parseArgs("--preset", "Seed004");
    assertEquals(ModelOptions.Preset.SEED004, main.model.preset);
    assertEquals(UnetSettings.seed004(), main.model.settings());
    String help = CliRun.run(new DiffusionCommand(), "--help").flatOut();
    assertTrue(help.contains("Default: cpu"), help);
  }

  @Test
  void aBadNameIsOneErrorLineListingTheValidOnes() {
    CliRun.Output r = CliRun.run(new DiffusionCommand(), "--preset", "gpu");
    assertEquals(Cli.USER_ERROR, r.code());
    assertEquals("error: unknown value 'gpu' for --preset: use cpu or seed004\n", r.err());
  }
}
