package org.genmodels.shared.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.MetricValues;
import org.genmodels.shared.train.TrainingListener;
import org.tensorflow.Session;

/**
 * One model built, its data loaded: the part of a training run that differs between models once
 * the settings are known. {@link TrainingCommand#start} makes it; {@link TrainingRun} trains it
 * and closes it (closing the model's session). Used by one thread.
 */
public abstract class ModelRun implements AutoCloseable {
  /** What the model says at the end: its test metrics, its own scores, the figures it wrote. */
  public record Ending(MetricValues test, Map<String, Double> scores, List<Path> figures) {
  }

  private final String dataName;
  private final int trainImages;
  private final Session session;

  /**
   * @param dataName    the data set's name in a checkpoint's run key ({@code mnist}, an image folder's name)
   * @param trainImages the images one epoch trains on: part of the run key
   * @param session     the session whose variables the checkpoints hold
   */
  protected ModelRun(String dataName, int trainImages, Session session) {
    this.dataName = dataName;
    this.trainImages = trainImages;
    this.session = session;
  }

  public final String dataName() {
    return dataName;
  }

  public final int trainImages() {
    return trainImages;
  }

  public final Session session() {
    return session;
  }

  /** The line that describes the network, e.g. {@code Model: 784-[256, 128]-20, 235,924 trainable parameters}. */
  public abstract String description();

  /** The model's own listeners (figures, best weights), run after the progress ones and before history.csv. */
  public abstract List<TrainingListener> listeners();

  /**
   * Trains through every listener.
   *
   * @param resumeFrom the checkpoint to continue, or null for a fresh run
   */
  public abstract List<EpochResult> train(List<TrainingListener> listeners, Path resumeFrom);

  /**
   * After training: prints the model's last lines and draws its final figures.
   *
   * @param seconds the training's wall time, for the summary line
   */
  public abstract Ending finish(List<EpochResult> history, double seconds) throws IOException;

  /** Closes the model. */
  @Override
  public abstract void close();
}
