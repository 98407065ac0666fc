package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.model.BenchmarkCommand;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ModelPlugins;
import org.genmodels.shared.nn.Initializer;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.train.Checkpoints;
import org.genmodels.shared.train.ModelConfig;
import org.genmodels.vae.VaePlugin;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
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
  /**
   * A checkpoint's model is the one its {@code run.properties} names, else the one whose marker
   * variable it holds; a name this version lacks, or no marker, is refused with the list.
   */
  @Test
  void aCheckpointIsRecognisedByItsConfigElseByItsMarker(@TempDir Path tmp) throws IOException {
    Path marked = checkpoint(tmp.resolve("marked"), "encoder/fc1/kernel", null);
    assertEquals("vae", ModelPlugins.detect(marked, CheckpointReader.open(marked)).name());
    Path named = checkpoint(tmp.resolve("named"), "encoder/fc1/kernel", ModelConfig.of("cvae").build());
    assertEquals("cvae", ModelPlugins.detect(named, CheckpointReader.open(named)).name());

    Path unknown = checkpoint(tmp.resolve("unknown"), "encoder/fc1/kernel", ModelConfig.of("gan").build());
    UserException e = assertThrows(UserException.class,
        () -> ModelPlugins.detect(unknown, CheckpointReader.open(unknown)));
    assertEquals(unknown.resolve("run.properties") + " names the model 'gan', which this version does not know:"
        + " ae, cvae, diffusion, vae", e.getMessage());

    Path neither = checkpoint(tmp.resolve("neither"), "w", null);
    CheckpointReader r = CheckpointReader.open(neither);
    e = assertThrows(UserException.class, () -> ModelPlugins.detect(neither, r));
    assertEquals("the checkpoint " + r.prefix() + " is not one of this project's models (no encoder/code/kernel,"
        + " encoder/conv1/kernel, unet/conv0/kernel, encoder/fc1/kernel): give the checkpoint directory a model's"
        + " training run wrote, e.g. outputs/ae/checkpoint", e.getMessage());
  }

  /** A checkpoint in {@code dir} of one variable {@code name} (scopes/name), with {@code config} when not null. */
  private static Path checkpoint(Path dir, String name, ModelConfig config) throws IOException {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Parameters p = new Parameters(new Seeds(1));
      Ops tf = Ops.create(g);
      String[] parts = name.split("/");
      for (int i = 0; i < parts.length - 1; i++) {
        tf = tf.withSubScope(parts[i]);
      }
      Operand<TFloat32> w = p.trainable(tf, parts[parts.length - 1], Shape.of(2), Initializer.constant(1f));
      try (Result initialized = s.runner().fetch(w).run()) {
        // the first run initializes the variable, which the checkpoint then holds
      }
      if (config == null) {
        Checkpoints.save(s, dir);
      } else {
        Checkpoints.save(s, dir, config);
      }
    }
    return dir;
  }
}
