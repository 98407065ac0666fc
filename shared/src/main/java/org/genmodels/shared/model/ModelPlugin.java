package org.genmodels.shared.model;

/**
 * One of this project's models, as the tools that handle every model find it: the launcher's
 * list, {@code savedmodels export/import}, the embedding API and the benchmark. Implementations
 * are found through {@link java.util.ServiceLoader} ({@link ModelPlugins}): each model module
 * names its one implementation in
 * {@code src/main/resources/META-INF/services/org.genmodels.shared.model.ModelPlugin}.
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
   * {@link #command()}, typed: the model's training command, whose {@link TrainingCommand#report()}
   * holds what a run did once {@link org.genmodels.shared.cli.Cli#execute} has run it.
   */
  default TrainingCommand<?> trainingCommand() {
    return (TrainingCommand<?>) command();
  }
}
