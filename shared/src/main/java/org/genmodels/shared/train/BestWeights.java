package org.genmodels.shared.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.tf.Tensors;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Keeps the weights of the epoch with the lowest test loss, as seed 004 keeps its best model: a
 * copy in memory, and a checkpoint written to disk at each improvement (when a directory is given).
 * {@link #restore()} puts the best weights back into the session. Not thread-safe.
 */
public final class BestWeights implements TrainingListener {
  private final Session session;
  private final List<Parameters.Param> params;
  private final List<Placeholder<TFloat32>> values = new ArrayList<>();
  private final List<Op> assigns = new ArrayList<>();
  private final Path checkpointDir;
  private final ModelConfig config;
  private final Consumer<String> log;
  private List<float[]> best;
  private double bestLoss = Double.POSITIVE_INFINITY;
  private int bestEpoch;

  /**
   * @param tf            the graph the parameters live in (restore ops are added to it)
   * @param checkpointDir where to save the best checkpoint, or null to keep it in memory only
   * @param config        the model's settings, kept beside the checkpoint; may be null
   * @throws org.genmodels.shared.cli.UserException when {@code checkpointDir} holds something
   *         other than a checkpoint ({@link Checkpoints#DIRECTORY}), before any training
   */
  public BestWeights(Ops tf, Session session, Parameters params, Path checkpointDir, ModelConfig config,
      Consumer<String> log) {
    if (checkpointDir != null) {
      Checkpoints.DIRECTORY.requireReplaceable(checkpointDir);
    }
    this.session = session;
    this.params = params.all();
    this.checkpointDir = checkpointDir;
    this.config = config;
    this.log = log;
    Ops scope = tf.withSubScope("best_weights");
    for (Parameters.Param p : this.params) {
      Placeholder<TFloat32> value = scope.placeholder(TFloat32.class, Placeholder.shape(p.shape()));
      values.add(value);
      assigns.add(scope.assign(p.variable(), value));
    }
  }

  @Override
  public void onEpochEnd(EpochResult result) {
    if (result.test().loss() >= bestLoss) {
      return;
    }
    bestLoss = result.test().loss();
    bestEpoch = result.epoch();
    best = new ArrayList<>();
    for (Parameters.Param p : params) {
      try (Result r = session.runner().fetch(p.value()).run()) {
        best.add(Tensors.toArray(r.get(0)));
      }
    }
    if (checkpointDir != null) {
      try {
        Checkpoints.save(session, checkpointDir, tmp -> {
          if (config != null) {
            RunKey.writeConfig(tmp, config);
          }
        });
      } catch (IOException e) {
        // the message names the checkpoint and the cause
        throw new UncheckedIOException(e.getMessage(), e);
      }
      log.accept(String.format(Locale.ROOT, "best test loss so far (%.4f): saved to %s",
          bestLoss, checkpointDir));
    }
  }

  /** Puts the best weights seen back into the session; does nothing before the first epoch. */
  public void restore() {
    if (best == null) {
      return;
    }
    for (int i = 0; i < params.size(); i++) {
      try (TFloat32 t = Tensors.floats(best.get(i), params.get(i).shape().asArray())) {
        session.runner().feed(values.get(i), t).addTarget(assigns.get(i)).run().close();
      }
    }
  }

  public int bestEpoch() {
    return bestEpoch;
  }

  public double bestLoss() {
    return bestLoss;
  }
}
