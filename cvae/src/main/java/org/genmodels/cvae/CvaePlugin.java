package org.genmodels.cvae;

import org.genmodels.shared.model.Benchmarkable;
import org.genmodels.shared.model.CheckpointHints;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.train.ModelConfig;

/** The conv VAE / CVAE as a {@link ModelPlugin}, found through {@link java.util.ServiceLoader}. */
public final class CvaePlugin implements ModelPlugin {
  @Override
  public String name() {
    return "cvae";
  }

  @Override
  public String displayName() {
    return "conv VAE / CVAE";
  }

  @Override
  public String summary() {
    return "the conv VAE and conditional VAE of seed 002";
  }

  @Override
  public String markerVariable() {
    return "encoder/conv1/kernel";
  }

  @Override
  public Object command() {
    return new CvaeCommand();
  }

  @Override
  public Benchmarkable benchmark() {
    return new CvaeBenchmark();
  }

  /** The stored run's network, served in float32 whatever the run trained in (as the dense models are). */
  @Override
  public ServingModel serving(ModelConfig stored) {
    return new CvaeServing(CvaeSettings.defaults().withConfig(stored).toBuilder().precision(Precision.FP32).build());
  }

  /** The sizes from the shapes; the LeakyReLU slope from hint {@code slope} (default 0.01). */
  @Override
  public ServingModel servingFromShapes(CheckpointReader r, CheckpointHints hints) {
    return CvaeServing.fromCheckpoint(r, hints.config(name()).getFloat("slope", CvaeSettings.defaults().slope()));
  }
}
