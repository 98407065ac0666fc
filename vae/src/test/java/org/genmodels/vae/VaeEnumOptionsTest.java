package org.genmodels.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.nn.Reduction;
import org.genmodels.shared.nn.WeightInit;
import org.genmodels.shared.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@code --preset}, {@code --reconstruction}, {@code --reduction} and {@code --init}: typed, in any case. */
class VaeEnumOptionsTest {
  @Test
  void mixedCaseNamesGiveTheirConstants() {
    VaeCommand main = new VaeCommand();
    // seed003 is mse, mean and truncated-normal: each option below must override it
    Cli.commandLine(main).parseArgs("--preset", "SEED003", "--reconstruction", "BcE", "--reduction", "Sum",
        "--init", "Torch");
    VaeSettings s = main.settings();
    assertEquals(50, s.epochs(), "seed003's epochs");
    assertEquals(Likelihood.BERNOULLI, s.likelihood());
    assertEquals(Reduction.SUM_PER_EXAMPLE, s.reduction());
    assertEquals(WeightInit.TORCH, s.init());
  }

  @Test
  void badNamesAreOneErrorLineListingTheValidOnes() {
    assertError("error: unknown value 'seed9' for --preset: use vae-py, seed003 or seed004", "--preset", "seed9");
    assertError("error: unknown value 'l1' for --reconstruction: use bce or mse", "--reconstruction", "l1");
    assertError("error: unknown value 'median' for --reduction: use sum or mean", "--reduction", "median");
    // paddle is a WeightInit, but not one the VAE offers
    assertError("error: unknown value 'paddle' for --init: use keras, torch or truncated-normal", "--init",
        "paddle");
  }

  private static void assertError(String line, String... args) {
    CliRun.Output r = CliRun.run(new VaeCommand(), args);
    assertEquals(Cli.USER_ERROR, r.code());
    assertEquals(line + "\n", r.err());
  }
}
