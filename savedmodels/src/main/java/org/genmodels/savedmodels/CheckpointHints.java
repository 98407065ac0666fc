package org.genmodels.savedmodels;

import org.genmodels.vae.Likelihood;

/**
 * The settings a checkpoint's variable shapes do not reveal, needed to rebuild a model from it.
 *
 * @param likelihood the VAE's decoder: Bernoulli ({@code VAE.py}, seed 004; images are
 *                   {@code sigmoid} of the output) or Gaussian (seed 003; the output itself)
 * @param slope      the CVAE's LeakyReLU slope (seed 002: 0.01)
 * @param imageSize  the DDPM's image side (the default network's: 32)
 * @param timesteps  the DDPM's T (300)
 */
public record CheckpointHints(Likelihood likelihood, float slope, int imageSize, int timesteps) {
  /** The training defaults: a Bernoulli VAE decoder, a slope of 0.01, a 32 × 32 DDPM with T = 300. */
  public static CheckpointHints defaults() {
    return new CheckpointHints(Likelihood.BERNOULLI, 0.01f, 32, 300);
  }

  /** The VAE's and the CVAE's hints, the DDPM's defaults. */
  public CheckpointHints(Likelihood likelihood, float slope) {
    this(likelihood, slope, 32, 300);
  }
}
