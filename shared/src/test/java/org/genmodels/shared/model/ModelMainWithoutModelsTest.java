package org.genmodels.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.testing.CliRun;
import org.junit.jupiter.api.Test;

/** {@link ModelMain} where no model module is on the class path, as in this module's tests. */
class ModelMainWithoutModelsTest {
  @Test
  void saysThatNoModelIsThereWhateverTheArguments() {
    assertEquals(List.of(), ModelPlugins.all());
    for (String[] args : List.of(new String[0], new String[] {"ae", "--help"})) {
      CliRun.Output r = CliRun.capture(() -> ModelMain.execute(args));
      assertEquals(Cli.USER_ERROR, r.code());
      assertEquals("", r.out());
      assertEquals(List.of("error: no model is on the class path: add a model module's jar (ae, vae, cvae or diffusion)"),
          r.err().lines().toList());
    }
  }
}
