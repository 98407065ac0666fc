package org.genmodels.shared.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.genmodels.shared.cli.CheckpointOptions;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.DataOptions;
import org.genmodels.shared.cli.GivenOptions;
import org.genmodels.shared.cli.ProgressOptions;
import org.genmodels.shared.train.StoredSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A model's training command: the options every model has (checkpoints, data location, progress),
 * and the two things a model adds — its settings from its own options, and {@link #start} — while
 * {@link TrainingRun} does the rest. After
 * {@link org.genmodels.shared.cli.Cli#execute} returns 0, {@link #report()} holds what the run did.
 *
 * <p>picocli fills the fields of one instance for one run; not thread-safe.
 *
 * @param <S> the model's settings record
 */
public abstract class TrainingCommand<S extends Record & TrainingSettings<S>> implements Callable<Integer> {
  @Mixin
  public CheckpointOptions checkpoints;

  @Mixin
  public DataOptions data = new DataOptions();

  @Mixin
  public ProgressOptions progress = new ProgressOptions();

  @Spec
  protected CommandSpec spec;

  private final Map<String, String> optionsOfKeys;

  private TrainingReport report;

  /**
   * @param checkpointEvery the model's default steps between checkpoints
   * @param optionsOfKeys   each config key of the settings and the option that sets it, e.g.
   *                        {@code latent → --latent}: how a given option is named when it
   *                        contradicts a checkpoint
   */
  protected TrainingCommand(int checkpointEvery, Map<String, String> optionsOfKeys) {
    this.checkpoints = new CheckpointOptions(checkpointEvery);
    this.optionsOfKeys = Map.copyOf(optionsOfKeys);
  }

  /** The settings the command line gives: the model's defaults with the options given put in. */
  public abstract S settings();

  /**
   * The config keys the user set and how ({@link StoredSettings#requireAgreement}); a command with
   * a preset adds the keys a given preset sets.
   */
  protected Map<String, String> givenOptions() {
    return GivenOptions.of(spec, optionsOfKeys);
  }

  /**
   * The settings the command line gives, with those of the checkpoint in {@code checkpointDir} put
   * in (an option given that contradicts them is refused): what {@code --resume} trains with.
   */
  public S storedSettings(Path checkpointDir) {
    return StoredSettings.apply(checkpointDir, settings(), TrainingSettings::config, TrainingSettings::withConfig,
        givenOptions());
  }

  /**
   * Refuses settings this machine cannot run as asked (e.g. bf16 on a CPU without bf16
   * instructions) with a {@link org.genmodels.shared.cli.UserException}, before anything is
   * written; {@link TrainingRun} calls it with the settings it will train with (a checkpoint's
   * when resuming). Nothing by default.
   */
  protected void requireRunnable(S settings) {
  }

  /**
   * Loads the data and builds the model for {@code settings}, printing what loading says.
   *
   * @param dir the output directory, created and writable
   */
  protected abstract ModelRun start(S settings, Path dir, Console console) throws IOException;

  @Override
  public Integer call() throws IOException {
    report = TrainingRun.run(this, Console.standard());
    return 0;
  }

  /** What the last run of this command did; null before one has ended. */
  public TrainingReport report() {
    return report;
  }
}
