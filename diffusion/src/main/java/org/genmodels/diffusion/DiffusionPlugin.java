package org.genmodels.diffusion;

import org.genmodels.shared.model.Benchmarkable;
import org.genmodels.shared.model.ModelPlugin;

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
    return new DiffusionMain();
  }

  @Override
  public Benchmarkable benchmark() {
    return new DiffusionBenchmark();
  }
}
