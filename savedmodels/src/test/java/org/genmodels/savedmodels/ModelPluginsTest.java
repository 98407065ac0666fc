package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.model.BenchmarkCommand;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ModelPlugins;
import org.genmodels.vae.VaePlugin;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** This module's class path holds every model module, so {@link ModelPlugins} finds all four. */
class ModelPluginsTest {
  @Test
  void everyModelModuleIsFoundByName() {
    List<ModelPlugin> all = ModelPlugins.all();
    assertEquals(List.of("ae", "cvae", "diffusion", "vae"), all.stream().map(ModelPlugin::name).toList());
    assertSame(VaePlugin.class, ModelPlugins.named("VAE").getClass());
  }

  @Test
  void eachCommandIsNamedAsItsPlugin() {
    for (ModelPlugin p : ModelPlugins.all()) {
      assertEquals(p.name(), p.command().getClass().getAnnotation(Command.class).name(), p.displayName());
    }
  }

  @Test
  void eachCommandHasTheSharedBenchmarkWithItsModelsOptions() {
    for (ModelPlugin p : ModelPlugins.all()) {
      CommandLine benchmark = Cli.commandLine(p.command()).getSubcommands().get("benchmark");
      assertSame(BenchmarkCommand.class, benchmark.getCommandSpec().userObject().getClass(), p.name());
      assertSame(p.benchmark().getClass(), benchmark.getCommandSpec().mixins().get("model").userObject().getClass(),
          p.name());
      assertTrue(benchmark.getCommandSpec().findOption("--warmup") != null, p.name());
    }
  }

  @Test
  void anUnknownNameListsTheModels() {
    UserException e = assertThrows(UserException.class, () -> ModelPlugins.named("gan"));
    assertEquals("unknown model 'gan': use ae, cvae, diffusion, vae", e.getMessage());
  }
}
