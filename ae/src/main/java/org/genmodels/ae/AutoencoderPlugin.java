package org.genmodels.ae;

import org.genmodels.shared.model.Benchmarkable;
import org.genmodels.shared.model.ModelPlugin;

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
    return new AutoencoderMain();
  }

  @Override
  public Benchmarkable benchmark() {
    return new AutoencoderBenchmark();
  }
}
