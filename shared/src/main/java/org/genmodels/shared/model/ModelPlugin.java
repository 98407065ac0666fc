package org.genmodels.shared.model;

import java.nio.file.Path;
import java.util.Optional;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.train.ModelConfig;
import org.genmodels.shared.train.StoredSettings;

/**
 * One of this project's models, as the tools that handle every model find it: the launcher's
 * list, {@code savedmodels export/import}, the embedding API and the benchmark. Implementations
 * are found through {@link java.util.ServiceLoader} ({@link ModelPlugins}): each model module
 * names its one implementation in
 * {@code src/main/resources/META-INF/services/org.genmodels.shared.model.ModelPlugin}.
 *
 * <p>Besides naming the model and its command, a plugin builds the model's inference graph (its
 * {@link ServingModel}, which lives in the same module) from a checkpoint: from the settings the
 * checkpoint keeps ({@link #serving}) or, for an older one, from its variables' shapes
 * ({@link #servingFromShapes}). That is all {@code savedmodels} needs to export and embed it.
 *
 * <p>Implementations are stateless and thread-safe; every method returns a new object.
 */
public interface ModelPlugin {
  /**
   * The command-line name ({@code ae}, {@code vae}, {@code cvae}, {@code diffusion}): the
   * launcher's {@code MODEL}, {@code --model}'s value and the {@code model=} of a checkpoint's
   * {@code run.properties}.
   */
  String name();

  /** The name in messages, e.g. {@code dense autoencoder}. */
  String displayName();

  /** One line for {@code genmodels --help}: the script it follows and what it trains. */
  String summary();

  /**
   * A variable only this model's graphs have: tells apart a checkpoint written before
   * {@code run.properties} named the model.
   */
  String markerVariable();

  /**
   * A new instance of the picocli command that trains the model, with its subcommands; run it
   * with {@link org.genmodels.shared.cli.Cli#execute}.
   */
  Object command();

  /**
   * A new {@link Benchmarkable}: the options of {@code MODEL benchmark}, with this model's
   * defaults, and the training steps or epochs and other calls it times ({@link BenchmarkCommand}).
   */
  Benchmarkable benchmark();

  /**
   * The inference graph of a run of this model whose checkpoint keeps its settings: {@code stored},
   * a config of this model ({@link ModelConfig#read}).
   */
  ServingModel serving(ModelConfig stored);

  /**
   * The inference graph of a checkpoint of this model that keeps no settings (one written before
   * configs were kept): its sizes read from the variables' shapes in {@code r}, what shapes cannot
   * tell from {@code hints} (the keys this model reads, its training defaults for those absent).
   *
   * @throws org.genmodels.shared.cli.UserException when a variable it reads is missing or misshapen
   */
  ServingModel servingFromShapes(CheckpointReader r, CheckpointHints hints);

  /**
   * The inference graph of this model's checkpoint {@code r}, read from {@code dir}: built from the
   * {@link ModelConfig} the checkpoint keeps, when it keeps one, with which the {@code hints} the
   * user gave must agree; else from the variables' shapes and {@code hints}.
   *
   * @throws org.genmodels.shared.cli.UserException when the config is another model's, or contradicts a given hint
   */
  default ServingModel servingFromCheckpoint(Path dir, CheckpointReader r, CheckpointHints hints) {
    Optional<ModelConfig> stored = ModelConfig.read(dir);
    if (stored.isPresent()) {
      ModelConfig c = stored.get().requireModel(name());
      StoredSettings.requireAgreement(c, hints.config(name()), hints.given());
      return serving(c);
    }
    return servingFromShapes(r, hints);
  }

  /**
   * {@link #command()}, typed: the model's training command, whose {@link TrainingCommand#report()}
   * holds what a run did once {@link org.genmodels.shared.cli.Cli#execute} has run it.
   */
  default TrainingCommand<?> trainingCommand() {
    return (TrainingCommand<?>) command();
  }
}
