package org.genmodels.ae;

import org.genmodels.shared.model.Benchmarkable;
import org.genmodels.shared.model.CheckpointHints;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.train.ModelConfig;

/** The dense autoencoder as a {@link ModelPlugin}, found through {@link java.util.ServiceLoader}. */
public final class AutoencoderPlugin implements ModelPlugin {
  @Override
  public String name() {
    return "ae";
  }

  @Override
  public String displayName() {
    return "dense autoencoder";
  }

  @Override
  public String summary() {
    return "the dense autoencoder of AE.py (seed 000)";
  }

  @Override
  public String markerVariable() {
    return "encoder/code/kernel";
  }

  @Override
  public Object command() {
    return new AutoencoderCommand();
  }

  @Override
  public Benchmarkable benchmark() {
    return new AutoencoderBenchmark();
  }

  @Override
  public ServingModel serving(ModelConfig stored) {
    return AutoencoderServing.of(AutoencoderSettings.defaults().withConfig(stored));
  }

  /** The widths from the shapes; the autoencoder needs no hints. */
  @Override
  public ServingModel servingFromShapes(CheckpointReader r, CheckpointHints hints) {
    return AutoencoderServing.fromCheckpoint(r);
  }
}
