package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.genmodels.diffusion.DdpmServing;
import org.genmodels.diffusion.Diffusion;
import org.genmodels.diffusion.DiffusionPlugin;
import org.genmodels.diffusion.DiffusionSettings;
import org.genmodels.shared.model.CheckpointHints;
import org.genmodels.shared.model.ModelPlugins;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.train.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch DDPM imported and saved as a training checkpoint is the model that {@code diffusion
 * sample} and {@code savedmodels export} build: the settings come back from its
 * {@code run.properties}, its variables restore into {@link Diffusion}, and that model's own
 * network (its graph, its restored variables) still computes PyTorch's {@code eps_eval} and
 * {@code x_prev}.
 */
class TorchDdpmCheckpointTest {
  @Test
  void anImportedCheckpointRestoresIntoTheJavaModelAndStillMatchesPyTorch(@TempDir Path tmp) throws IOException {
    Path fixture = TorchDdpmFixtures.dir(TorchDdpmFixtures.CPU);
    DdpmGolden golden = DdpmGolden.read(fixture);
    ImportedModel imported = SimpleUnetImport.read(fixture.resolve(TorchDdpmParity.MODEL_FILE), golden.size());
    Path checkpoint = tmp.resolve("checkpoint");
    imported.saveCheckpoint(checkpoint);

    ModelConfig config = ModelConfig.read(checkpoint).orElseThrow();
    DiffusionSettings settings = DiffusionSettings.defaults().withConfig(config);
    assertEquals(DiffusionSettings.defaults().withConfig(imported.config()), settings);
    assertEquals("diffusion", ModelPlugins.detect(checkpoint, CheckpointReader.open(checkpoint)).name());
    assertEquals(new DdpmServing(settings.unet(), 300, 1e-4, 0.02, false, 0f),
        new DiffusionPlugin().servingFromShapes(CheckpointReader.open(checkpoint), CheckpointHints.none()));

    try (Diffusion d = Diffusion.create(settings)) {
      d.restore(checkpoint);
      DdpmProbe probe = DdpmProbe.build(d.graph().ops(), d.model().unet(), d.model().diffusion(), d.model().params(),
          false);
      DdpmProbe.Outputs out = probe.run(d.session(), golden);
      double tolerance = TorchDdpmParity.OUTPUT_TOLERANCE;
      ParityLine eval = ParityLine.absolute("eps_eval", out.epsEval(), golden.epsEval(), tolerance);
      ParityLine step = ParityLine.absolute("x_prev", out.xPrev(), golden.xPrev(), tolerance);
      System.out.printf("through the checkpoint: %s%n%s%n", eval.format(), step.format());
      assertTrue(eval.passes(), eval::format);
      assertTrue(step.passes(), step::format);
    }
  }
}
