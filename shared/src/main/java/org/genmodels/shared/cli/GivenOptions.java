package org.genmodels.shared.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Which options the user typed, as opposed to those left at their defaults: what
 * {@link org.genmodels.shared.train.StoredSettings} checks against a checkpoint.
 */
public final class GivenOptions {
  private GivenOptions() {
  }

  /**
   * The config keys whose options were given on {@code spec}'s command line.
   *
   * @param optionOfKey config key → the option that sets it, e.g. {@code latent → --latent}
   * @return key → the option's name, for those given
   */
  public static Map<String, String> of(CommandSpec spec, Map<String, String> optionOfKey) {
    ParseResult parsed = spec.commandLine().getParseResult();
    Map<String, String> given = new LinkedHashMap<>();
    if (parsed == null) {
      return given;
    }
    optionOfKey.forEach((key, option) -> {
      if (parsed.hasMatchedOption(option)) {
        given.put(key, option);
      }
    });
    return given;
  }
}
