package org.genmodels.savedmodels;

import java.util.Map;
import org.genmodels.shared.train.ModelConfig;
import org.genmodels.vae.Likelihood;

/**
 * The settings a checkpoint's variable shapes do not reveal, needed to rebuild a model from a
 * checkpoint that keeps no {@link ModelConfig} (one written before configs were kept). Where the
 * checkpoint keeps one, its values are used, and those of these that the user gave ({@code given})
 * must agree with it.
 *
 * @param likelihood the VAE's decoder: Bernoulli ({@code VAE.py}, seed 004; images are
 *                   {@code sigmoid} of the output) or Gaussian (seed 003; the output itself)
 * @param slope      the CVAE's LeakyReLU slope (seed 002: 0.01)
 * @param imageSize  the DDPM's image side (the default network's: 32)
 * @param timesteps  the DDPM's T (300)
 * @param given      the config keys ({@code reconstruction}, {@code slope}, {@code image_size},
 *                   {@code timesteps}) whose values the user gave, and the option that gave each
 */
public record CheckpointHints(Likelihood likelihood, float slope, int imageSize, int timesteps,
                              Map<String, String> given) {
  public CheckpointHints {
    given = Map.copyOf(given);
  }

  /** The training defaults, none given: a Bernoulli VAE decoder, a slope of 0.01, a 32 × 32 DDPM with T = 300. */
  public static CheckpointHints defaults() {
    return new CheckpointHints(Likelihood.BERNOULLI, 0.01f, 32, 300, Map.of());
  }

  /** The VAE's and the CVAE's hints, given by the caller; the DDPM's defaults. */
  public CheckpointHints(Likelihood likelihood, float slope) {
    this(likelihood, slope, 32, 300, Map.of("reconstruction", "the likelihood", "slope", "the slope"));
  }

  /** These hints as a config of {@code model}, to compare with a checkpoint's. */
  ModelConfig asConfig(String model) {
    return ModelConfig.of(model).put("reconstruction", likelihood.cliName()).put("slope", slope)
        .put("image_size", imageSize).put("timesteps", timesteps).build();
  }
}
