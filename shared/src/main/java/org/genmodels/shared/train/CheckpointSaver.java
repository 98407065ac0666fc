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
 * Saves a training checkpoint ({@link Checkpoints}: every variable, the optimizer state and the
 * step counter) every {@code every} global steps and at the end of training, keeping the last
 * {@code keep} of them ({@link CheckpointSlots}: {@code checkpoint/} the newest, then
 * {@code checkpoint.1/}, ...). Each save is written completely beside its place before anything
 * is renamed, so a crash mid-write leaves the previous checkpoints intact.
 *
 * <p>A save due at the last step of an epoch waits for {@link #onEpochEnd}: a checkpoint at an
 * epoch boundary then means the epoch's evaluation and the listeners before this one (figures)
 * are done, and a resumed run rightly starts with the next epoch. Add this listener last.
 *
 * <p>Beside the variables it writes the run's {@link RunKey}, the step, whether training ended and
 * the model's {@link ModelConfig}; {@link #resumeFrom} and {@link #checkKey} read them before a run
 * starts.
 *
 * <p>Called on the training thread; not thread-safe.
 */
public final class CheckpointSaver implements TrainingListener {
  /** The directory name under a run's output directory. */
  public static final String DIRECTORY = "checkpoint";

  private final Session session;
  private final Path dir;
  private final int every;
  private final int keep;
  private final RunKey key;
  private final ModelConfig config;
  private final Consumer<String> log;
  private long lastStep = -1;
  private long savedStep = -1;
  private boolean pending;
  private boolean finished;

  /**
   * @param dir    the newest checkpoint's directory (see {@link #directory})
   * @param every  global steps between saves; 0 saves only at the end
   * @param keep   checkpoints kept, the newest included (at least 1)
   * @param key    what the run's steps mean, kept beside the checkpoint; null keeps nothing
   * @param config what the model's graph depends on, kept beside the checkpoint; null keeps nothing
   * @param log    hears one line when the final checkpoint is written
   */
  public CheckpointSaver(Session session, Path dir, int every, int keep, RunKey key, ModelConfig config,
      Consumer<String> log) {
    if (every < 0) {
      throw new IllegalArgumentException("checkpoint interval must be 0 (only at the end) or"
          + " positive, got " + every);
    }
    if (keep < 1) {
      throw new IllegalArgumentException("keep at least 1 checkpoint, got " + keep);
    }
    this.session = session;
    this.dir = dir;
    this.every = every;
    this.keep = keep;
    this.key = key;
    this.config = config;
    this.log = log;
  }

  /**
   * The checkpoint a resumed run of {@code outputDir} continues from: the newest whole one among
   * {@code checkpoint/}, {@code checkpoint.1/}, ..., damaged ones skipped with a line to
   * {@code log}. Read it before building the model: its {@link ModelConfig} says which model.
   *
   * @throws UserException when there is no checkpoint, or none is readable
   */
  public static CheckpointSlots.Slot resumeFrom(Path outputDir, Consumer<String> log) {
    Path dir = directory(outputDir);
    recover(dir);
    CheckpointSlots.Slot slot = CheckpointSlots.newestReadable(dir, log).orElseThrow(() -> new UserException(
        "no checkpoint to resume from in " + dir.toAbsolutePath() + " (expected " + Checkpoints.PREFIX
            + ".index there): give the output directory of the run to continue (--output), or start afresh"
            + " without --resume"));
    log.accept("resuming from " + CheckpointSlots.describe(slot));
    return slot;
  }

  /**
   * Checks a run's {@code key} before it starts: a resumed run's against the checkpoint it
   * continues ({@code from}); a fresh run (null {@code from}) must not replace the checkpoints of an
   * unfinished one (that is the work of an interrupted run; a finished run's checkpoints are
   * replaced, as a rerun replaces its pictures). A folder there that is no checkpoint
   * ({@link Checkpoints#DIRECTORY}) is refused now rather than at the first save, steps later.
   *
   * @return the newest checkpoint's directory, where the run saves
   * @throws UserException naming the checkpoint, what differs and the fix
   */
  public static Path checkKey(Path outputDir, RunKey key, CheckpointSlots.Slot from) {
    Path dir = directory(outputDir);
    try {
      for (Path slot : CheckpointSlots.existing(dir)) {
        Checkpoints.DIRECTORY.requireReplaceable(slot);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the checkpoints in " + dir + ": " + e.getMessage(), e);
    }
    if (from != null) {
      List<String> differences = key.differences(from.stored().key());
      if (!differences.isEmpty()) {
        throw new UserException("the checkpoint in " + from.dir().toAbsolutePath() + " was written by a run with "
            + String.join(", ", differences) + ": resume with the settings it was started with, or"
            + " start afresh in another --output");
      }
      return dir;
    }
    recover(dir);
    Optional<RunKey.Stored> newest;
    try {
      newest = CheckpointSlots.existing(dir).stream().flatMap(d -> RunKey.read(d).stream())
          .max((a, b) -> Long.compare(a.step(), b.step()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the checkpoints in " + dir + ": " + e.getMessage(), e);
    }
    if (newest.isPresent() && !newest.get().finished()) {
      throw new UserException(String.format(Locale.ROOT, "%s holds the checkpoint of an unfinished run"
          + " (global step %d): continue it with --resume, write this run elsewhere with --output, or"
          + " delete that directory to start afresh", dir.toAbsolutePath(), newest.get().step()));
    }
    return dir;
  }

  /** A crash between the two renames of an older swap left the previous checkpoint aside. */
  private static void recover(Path dir) {
    try {
      AtomicFiles.recoverDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot recover the checkpoint " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The checkpoint directory of a run that writes into {@code outputDir}: {@code outputDir/checkpoint}. */
  public static Path directory(Path outputDir) {
    return outputDir.resolve(DIRECTORY);
  }

  @Override
  public void onResume(ResumePoint start) {
    lastStep = start.globalStep();
    // the checkpoint resumed from holds this step: a save before any step replaces it
    savedStep = start.globalStep();
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
      Checkpoints.saveRotating(session, dir, keep, savedStep == lastStep, tmp -> {
        if (key != null) {
          key.write(tmp, lastStep, finished, config);
        } else if (config != null) {
          RunKey.writeConfig(tmp, config);
        }
      });
      savedStep = lastStep;
    } catch (IOException e) {
      // the message names the checkpoint and the cause
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }
}
