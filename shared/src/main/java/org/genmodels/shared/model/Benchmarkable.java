package org.genmodels.shared.model;

import org.genmodels.shared.cli.Console;

/**
 * A model's part of {@code MODEL benchmark} ({@link BenchmarkCommand}): an object with the
 * picocli options of the benchmark (how many warm-up and timed units, and any model-specific
 * counts, with this model's defaults), which the command adds to itself as a mixin, and the
 * benchmark those options and the model's own command describe. A new one per command line.
 */
public interface Benchmarkable {
  /**
   * Builds the model (and loads what it trains on) as {@code modelCommand} and this object's
   * options say, having printed the settings on {@code console}.
   *
   * @param modelCommand the model's training command, an instance from {@link ModelPlugin#command()},
   *     parsed: the options given before {@code benchmark}
   */
  Benchmark open(Object modelCommand, Console console);
}
