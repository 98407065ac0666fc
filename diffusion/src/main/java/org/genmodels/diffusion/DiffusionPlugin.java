package org.genmodels.diffusion;

import org.genmodels.shared.model.Benchmarkable;
import org.genmodels.shared.model.CheckpointHints;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.train.ModelConfig;

/** The DDPM as a {@link ModelPlugin}, found through {@link java.util.ServiceLoader}. */
public final class DiffusionPlugin implements ModelPlugin {
  @Override
  public String name() {
    return "diffusion";
  }

  @Override
  public String displayName() {
    return "DDPM";
  }

  @Override
  public String summary() {
    return "the DDPM of seed 004: train, sample, benchmark";
  }

  @Override
  public String markerVariable() {
    return "unet/conv0/kernel";
  }

  @Override
  public Object command() {
    return new DiffusionCommand();
  }

  @Override
  public Benchmarkable benchmark() {
    return new DiffusionBenchmark();
  }

  @Override
  public ServingModel serving(ModelConfig stored) {
    return DdpmServing.of(DiffusionSettings.defaults().withConfig(stored));
  }

  /**
   * The network from the shapes; the image side and T from hints {@code image_size} and
   * {@code timesteps} (defaults 32 and 300).
   */
  @Override
  public ServingModel servingFromShapes(CheckpointReader r, CheckpointHints hints) {
    ModelConfig c = hints.config(name());
    DiffusionSettings d = DiffusionSettings.defaults();
    return DdpmServing.fromCheckpoint(r, c.getInt("image_size", d.unet().imageSize()),
        c.getInt("timesteps", d.timesteps()));
  }
}
