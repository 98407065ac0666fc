package org.genmodels.shared.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.genmodels.shared.train.CheckpointSaver;
import org.genmodels.shared.train.CheckpointSlots;
import org.genmodels.shared.train.ModelConfig;
import org.genmodels.shared.train.RunKey;
import org.tensorflow.Session;
import picocli.CommandLine.Option;

/**
 * The checkpoint options every training command shares, and the {@link CheckpointSaver} they ask
 * for. The interval's default is the model's (its constructor argument).
 */
public final class CheckpointOptions {
  @Option(names = "--checkpoint-every", paramLabel = "N",
      description = "Steps between checkpoints in <output>/checkpoint; one is always written at the end;"
          + " 0: only at the end.")
  public int every;

  @Option(names = "--keep-checkpoints", paramLabel = "N",
      description = "Checkpoints kept: <output>/checkpoint (the newest), checkpoint.1, ...; --resume"
          + " continues from the newest readable one, so one damaged checkpoint does not end a run.")
  public int keep = 2;

  @Option(names = "--resume", description = "Continue the run in <output> from its newest readable checkpoint,"
      + " with the settings it was trained with (read from the checkpoint; an option that contradicts them is"
      + " refused).")
  public boolean resume;

  /** @param every the model's default interval, in steps */
  public CheckpointOptions(int every) {
    this.every = every;
  }

  /**
   * The checkpoint to continue from when {@code --resume} was given (the newest readable one,
   * logged), else null.
   */
  public CheckpointSlots.Slot resumeSlot(Path outputDir, Consumer<String> log) {
    return resume ? CheckpointSaver.resumeFrom(outputDir, log) : null;
  }

  /**
   * The listener that writes the run's checkpoints, after checking {@code key} against the
   * checkpoint the run continues ({@code from}), or, for a fresh run, that no unfinished run's
   * checkpoints would be replaced. Add it last.
   */
  public CheckpointSaver saver(Session session, Path outputDir, RunKey key, ModelConfig config,
      CheckpointSlots.Slot from, Consumer<String> log) {
    if (keep < 1) {
      throw new UserException("--keep-checkpoints must be at least 1, got " + keep);
    }
    Path dir = CheckpointSaver.checkKey(outputDir, key, from);
    return new CheckpointSaver(session, dir, every, keep, key, config, log);
  }
}
