package org.genmodels.shared.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.io.AtomicFiles;
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
 * <p>Beside the variables it writes the run's {@link RunKey}, the step and whether training ended;
 * {@link #prepare} checks them before a run starts.
 *
 * <p>Called on the training thread; not thread-safe.
 */
public final class CheckpointSaver implements TrainingListener {
  /** The directory name under a run's output directory. */
  public static final String DIRECTORY = "checkpoint";

  private final Session session;
  private final Path dir;
  private final int every;
  private final RunKey key;
  private final Consumer<String> log;
  private long lastStep = -1;
  private boolean pending;
  private boolean finished;

  /**
   * @param dir   the checkpoint directory (see {@link #directory})
   * @param every global steps between saves; 0 saves only at the end
   * @param key   what the run's steps mean, kept beside the checkpoint; null keeps nothing
   * @param log   hears one line when the final checkpoint is written
   */
  public CheckpointSaver(Session session, Path dir, int every, RunKey key, Consumer<String> log) {
    if (every < 0) {
      throw new IllegalArgumentException("checkpoint interval must be 0 (only at the end) or"
          + " positive, got " + every);
    }
    this.session = session;
    this.dir = dir;
    this.every = every;
    this.key = key;
    this.log = log;
  }

  /**
   * The checkpoint directory of a run writing into {@code outputDir}, checked before the run
   * starts: a run to resume must have the key its checkpoint was written with, and a fresh run
   * must not replace the checkpoint of an unfinished one (that is the work of an interrupted run;
   * a finished run's checkpoint is replaced, as a rerun replaces its pictures). A directory there
   * that is no checkpoint ({@link Checkpoints#DIRECTORY}) is refused.
   *
   * @throws UserException naming the checkpoint, what differs and the fix
   */
  public static Path prepare(Path outputDir, RunKey key, boolean resume) {
    Path dir = directory(outputDir);
    try {
      AtomicFiles.recoverDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot recover the checkpoint " + dir + ": " + e.getMessage(), e);
    }
    // A folder of something else there would be refused only at the first save, steps later.
    Checkpoints.DIRECTORY.requireReplaceable(dir);
    Optional<RunKey.Stored> stored = RunKey.read(dir);
    if (stored.isEmpty()) {
      return dir;
    }
    RunKey.Stored s = stored.get();
    if (resume) {
      List<String> differences = key.differences(s.key());
      if (!differences.isEmpty()) {
        throw new UserException("the checkpoint in " + dir.toAbsolutePath() + " was written by a run with "
            + String.join(", ", differences) + ": resume with the settings it was started with, or"
            + " start afresh in another --output");
      }
    } else if (!s.finished()) {
      throw new UserException(String.format(Locale.ROOT, "%s holds the checkpoint of an unfinished run"
          + " (global step %d): continue it with --resume, write this run elsewhere with --output, or"
          + " delete that directory to start afresh", dir.toAbsolutePath(), s.step()));
    }
    return dir;
  }

  /** The checkpoint directory of a run that writes into {@code outputDir}: {@code outputDir/checkpoint}. */
  public static Path directory(Path outputDir) {
    return outputDir.resolve(DIRECTORY);
  }

  @Override
  public void onResume(ResumePoint start) {
    lastStep = start.globalStep();
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
    // The end is saved even when a periodic save just wrote the same step (or a resumed run took
    // no step), to mark it finished.
    if (lastStep >= 0) {
      finished = true;
      save();
      log.accept(String.format(Locale.ROOT, "checkpoint of global step %d in %s", lastStep, dir));
    }
  }

  private void save() {
    try {
      Checkpoints.save(session, dir, tmp -> {
        if (key != null) {
          key.write(tmp, lastStep, finished);
        }
      });
    } catch (IOException e) {
      // the message names the checkpoint and the cause
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
