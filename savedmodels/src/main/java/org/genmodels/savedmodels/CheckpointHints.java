package org.genmodels.savedmodels;

import org.genmodels.vae.Likelihood;

/**
 * The settings a checkpoint's variable shapes do not reveal, needed to rebuild a model from it.
 *
 * @param likelihood the VAE's decoder: Bernoulli ({@code VAE.py}, seed 004; images are
 *                   {@code sigmoid} of the output) or Gaussian (seed 003; the output itself)
 * @param slope      the CVAE's LeakyReLU slope (seed 002: 0.01)
 */
public record CheckpointHints(Likelihood likelihood, float slope) {
  /** The training defaults: a Bernoulli VAE decoder and a slope of 0.01. */
  public static CheckpointHints defaults() {
    return new CheckpointHints(Likelihood.BERNOULLI, 0.01f);
  }
}
