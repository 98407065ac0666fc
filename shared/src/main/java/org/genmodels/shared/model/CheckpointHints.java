package org.genmodels.shared.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genmodels.shared.train.ModelConfig;

/**
 * The settings a checkpoint's variable shapes do not reveal, needed to rebuild a model from a
 * checkpoint that keeps no {@link ModelConfig} (one written before configs were kept): config
 * keys and values in their command-line spelling, e.g. the VAE's {@code reconstruction}
 * ({@code bce}|{@code mse}), the CVAE's {@code slope}, the DDPM's {@code image_size} and
 * {@code timesteps}. Each model reads the keys it needs and takes its training default for a key
 * that is absent. Where the checkpoint keeps a config, its values are used, and those of these
 * that the user gave ({@code given}) must agree with it ({@link ModelPlugin#servingFromCheckpoint}).
 * Immutable.
 *
 * @param values key → value ({@link Object#toString()} of each, as {@link ModelConfig.Builder#put} spells it)
 * @param given  the keys whose values the user gave, and the option that gave each, e.g.
 *               {@code slope → --slope}; the others are defaults, which a checkpoint's config overrides
 */
public record CheckpointHints(Map<String, String> values, Map<String, String> given) {
  public CheckpointHints {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    given = Map.copyOf(given);
  }

  /** No hints: every model takes its training defaults (a Bernoulli VAE, a slope of 0.01, a 32 × 32 DDPM, T = 300). */
  public static CheckpointHints none() {
    return new CheckpointHints(Map.of(), Map.of());
  }

  /** These hints and {@code key = value}, a default the user did not give. */
  public CheckpointHints with(String key, Object value) {
    Map<String, String> v = new LinkedHashMap<>(values);
    v.put(key, ModelConfig.of("hints").put(key, value).build().get(key));
    return new CheckpointHints(v, given);
  }

  /** These hints with the keys the user gave, and the option that gave each. */
  public CheckpointHints withGiven(Map<String, String> givenKeys) {
    return new CheckpointHints(values, givenKeys);
  }

  /** These hints as a config of {@code model}: its typed getters, and the config to compare with a checkpoint's. */
  public ModelConfig config(String model) {
    ModelConfig.Builder b = ModelConfig.of(model);
    values.forEach(b::put);
    return b.build();
  }
}
