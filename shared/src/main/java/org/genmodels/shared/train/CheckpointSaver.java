package org.genmodels.shared.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.tensorflow.Session;

/**
 * Saves a training checkpoint ({@link Checkpoints#save}: every variable, the optimizer state and
 * the step counter) into one directory every {@code every} global steps and at the end of
 * training, replacing the previous one. Each save is atomic (written beside the directory and
 * renamed into place), so a crash mid-write leaves the previous checkpoint intact.
 *
 * <p>A save due at the last step of an epoch waits for {@link #onEpochEnd}: a checkpoint at an
 * epoch boundary then means the epoch's evaluation and the listeners before this one (figures)
 * are done, and a resumed run rightly starts with the next epoch. Add this listener last.
 *
 * <p>Called on the training thread; not thread-safe.
 */
public final class CheckpointSaver implements TrainingListener {
  /** The directory name under a run's output directory. */
  public static final String DIRECTORY = "checkpoint";

  private final Session session;
  private final Path dir;
  private final int every;
  private final Consumer<String> log;
  private long lastStep = -1;
  private long savedStep = -1;
  private boolean pending;

  /**
   * @param dir   the checkpoint directory (see {@link #directory})
   * @param every global steps between saves; 0 saves only at the end
   * @param log   hears one line when the final checkpoint is written
   */
  public CheckpointSaver(Session session, Path dir, int every, Consumer<String> log) {
    if (every < 0) {
      throw new IllegalArgumentException("checkpoint interval must be 0 (only at the end) or"
          + " positive, got " + every);
    }
    this.session = session;
    this.dir = dir;
    this.every = every;
    this.log = log;
  }

  /** The checkpoint directory of a run that writes into {@code outputDir}: {@code outputDir/checkpoint}. */
  public static Path directory(Path outputDir) {
    return outputDir.resolve(DIRECTORY);
  }

  @Override
  public void onStep(StepResult step) {
    lastStep = step.globalStep();
    if (every > 0 && step.globalStep() % every == 0) {
      if (step.step() == step.steps() - 1) {
        pending = true;
      } else {
        save();
      }
    }
  }

  @Override
  public void onEpochEnd(EpochResult result) {
    if (pending) {
      pending = false;
      save();
    }
  }

  @Override
  public void onTrainEnd(List<EpochResult> history) {
    // A run resumed from a finished checkpoint takes no step: nothing new to save.
    if (lastStep >= 0 && savedStep != lastStep) {
      save();
    }
    if (lastStep >= 0) {
      log.accept(String.format(Locale.ROOT, "checkpoint of global step %d in %s", lastStep, dir));
    }
  }

  private void save() {
    try {
      Checkpoints.save(session, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint " + dir + ": " + e.getMessage(), e);
    }
    savedStep = lastStep;
  }
}
