package org.genmodels.cvae;

import org.genmodels.shared.model.Benchmarkable;
import org.genmodels.shared.model.ModelPlugin;

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
    return new CvaeMain();
  }

  @Override
  public Benchmarkable benchmark() {
    return new CvaeBenchmark();
  }
}
