package org.genmodels.shared.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.genmodels.shared.cli.UserException;

/**
 * Settings taken from a checkpoint rather than asked for again: a command that continues,
 * samples from or exports a run takes every value its {@link ModelConfig} holds, and an option
 * the user gave that says otherwise is refused by name instead of silently building another graph.
 */
public final class StoredSettings {
  private StoredSettings() {
  }

  /**
   * {@code settings} with the config kept in {@code checkpointDir} put in, after checking it
   * against the options the user gave; {@code settings} as they are when the checkpoint keeps no
   * config (one written before configs were kept: then its variables' shapes are the check).
   *
   * @param config     a settings record's config
   * @param withConfig the settings with a config's values put in
   * @param given      the keys the user set and how ({@link #requireAgreement})
   */
  public static <S> S apply(Path checkpointDir, S settings, Function<S, ModelConfig> config,
      BiFunction<S, ModelConfig, S> withConfig, Map<String, String> given) {
    Optional<ModelConfig> stored = ModelConfig.read(checkpointDir);
    if (stored.isEmpty()) {
      return settings;
    }
    requireAgreement(stored.get(), config.apply(settings), given);
    return withConfig.apply(settings, stored.get());
  }

  /**
   * Checks the options the user gave against a checkpoint's config.
   *
   * @param stored    the checkpoint's config
   * @param fromUser  the config the command line describes (given options and defaults)
   * @param given     for each key of the config whose value the user set: how they set it, e.g.
   *                  {@code --latent 2} or {@code --preset seed004}; keys absent here are taken from
   *                  the checkpoint without a word
   * @throws UserException listing every given option that contradicts the checkpoint, with both
   *                       values and the fix
   */
  public static void requireAgreement(ModelConfig stored, ModelConfig fromUser, Map<String, String> given) {
    stored.requireModel(fromUser.model());
    List<String> contradictions = new ArrayList<>();
    given.forEach((key, option) -> {
      // a key left out for its default holds that default, not an unknown (older) value
      String mine = fromUser.values().getOrDefault(key, ModelConfig.OMITTED_DEFAULTS.get(key));
      String theirs = stored.values().getOrDefault(key, ModelConfig.OMITTED_DEFAULTS.get(key));
      if (theirs != null && mine != null && !theirs.equals(mine)) {
        contradictions.add(option + " sets " + key + " " + mine + ", the checkpoint's run has " + theirs);
      }
    });
    if (!contradictions.isEmpty()) {
      throw new UserException((stored.source() == null ? "the checkpoint" : stored.source().getParent().toString())
          + " was trained with other settings: " + String.join("; ", contradictions) + ". Leave those options out"
          + " (the checkpoint's settings are used), or start a new run in another --output");
    }
  }
}
