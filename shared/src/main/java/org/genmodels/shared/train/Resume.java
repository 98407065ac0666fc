package org.genmodels.shared.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.io.AtomicFiles;
import org.genmodels.shared.tf.GlobalStep;
import org.tensorflow.Session;

/**
 * Continues a run from its checkpoint: restores every variable (weights, optimizer slots, the step
 * counter) into the session and says how many steps were taken, which
 * {@link Trainer#fitFrom} turns into the epoch and batch to continue with. Since the batch order
 * and per-step noise depend only on the seed and the step, the continued run is bitwise the run
 * that was interrupted.
 */
public final class Resume {
  private Resume() {
  }

  /**
   * Restores the checkpoint in {@code dir} into {@code session}, whose graph must be the complete
   * graph of the same model and settings.
   *
   * @return the global step the checkpoint was written at: the steps to skip
   * @throws org.genmodels.shared.cli.UserException when {@code dir} holds no checkpoint, a corrupt
   *         one, or one of a model with other settings (other layer sizes, say)
   */
  public static long restore(Session session, TrainGraph graph, Path dir) {
    if (graph.globalStep() == null) {
      throw new IllegalStateException("the train graph has no step counter: build its step with Adam.minimize");
    }
    try {
      // A crash between the two renames of a checkpoint swap leaves the previous one aside.
      AtomicFiles.recoverDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot recover the checkpoint " + dir + ": " + e.getMessage(), e);
    }
    if (!Files.isRegularFile(dir.resolve(Checkpoints.PREFIX + ".index"))) {
      throw new UserException("no checkpoint to resume from in " + dir.toAbsolutePath() + " (expected "
          + Checkpoints.PREFIX + ".index): give the output directory of the run to continue"
          + " (--output), or start afresh without --resume");
    }
    Checkpoints.restore(session, dir);
    return GlobalStep.value(session, graph.globalStep());
  }
}
