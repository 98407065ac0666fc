package org.genmodels.vae;

import org.genmodels.shared.model.Benchmarkable;
import org.genmodels.shared.model.CheckpointHints;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.train.ModelConfig;

/** The dense VAE as a {@link ModelPlugin}, found through {@link java.util.ServiceLoader}. */
public final class VaePlugin implements ModelPlugin {
  @Override
  public String name() {
    return "vae";
  }

  @Override
  public String displayName() {
    return "dense VAE";
  }

  @Override
  public String summary() {
    return "the dense VAE of VAE.py and the 2-d latent variants of seeds 003, 004 (--preset)";
  }

  @Override
  public String markerVariable() {
    return "encoder/fc1/kernel";
  }

  @Override
  public Object command() {
    return new VaeCommand();
  }

  @Override
  public Benchmarkable benchmark() {
    return new VaeBenchmark();
  }

  @Override
  public ServingModel serving(ModelConfig stored) {
    return VaeServing.of(VaeSettings.defaults().withConfig(stored));
  }

  /** The sizes from the shapes; the decoder from hint {@code reconstruction} (bce|mse; default bce). */
  @Override
  public ServingModel servingFromShapes(CheckpointReader r, CheckpointHints hints) {
    String reconstruction = hints.config(name()).find("reconstruction")
        .orElse(VaeSettings.defaults().likelihood().cliName());
    return VaeServing.fromCheckpoint(r, Likelihood.fromCliName(reconstruction));
  }
}
