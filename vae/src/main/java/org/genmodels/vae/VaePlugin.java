package org.genmodels.vae;

import org.genmodels.shared.model.Benchmarkable;
import org.genmodels.shared.model.ModelPlugin;

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
    return new VaeMain();
  }

  @Override
  public Benchmarkable benchmark() {
    return new VaeBenchmark();
  }
}
