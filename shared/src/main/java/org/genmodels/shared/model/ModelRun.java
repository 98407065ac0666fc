package org.genmodels.shared.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.cli.Console;
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
  /** What the model says at the end: its test metrics and its own scores by name. */
  public record Ending(MetricValues test, Map<String, Double> scores) {
  }

  /** Figures drawn at an epoch's end. */
  @FunctionalInterface
  protected interface EpochFigures {
    /** Draws the figures of {@code epoch}; returns the files written. */
    List<Path> draw(int epoch) throws IOException;
  }

  /** The output directory, created and writable. */
  protected final Path dir;
  protected final Console console;
  private final String dataName;
  private final int trainImages;
  private final Session session;
  private final List<Path> figures = new ArrayList<>();

  /**
   * @param dataName    the data set's name in a checkpoint's run key ({@code mnist}, an image folder's name)
   * @param trainImages the images one epoch trains on: part of the run key
   * @param session     the session whose variables the checkpoints hold
   * @param dir         the output directory
   */
  protected ModelRun(String dataName, int trainImages, Session session, Path dir, Console console) {
    this.dataName = dataName;
    this.trainImages = trainImages;
    this.session = session;
    this.dir = dir;
    this.console = console;
  }

  /** Notes files the run wrote, for the report. */
  protected final void wrote(Path... files) {
    figures.addAll(List.of(files));
  }

  /** Notes files the run wrote, for the report. */
  protected final void wrote(List<Path> files) {
    figures.addAll(files);
  }

  /** The figures written so far, in order. */
  public final List<Path> figures() {
    return List.copyOf(figures);
  }

  /** A listener that draws {@code figures} at every epoch's end and notes what they wrote. */
  protected final TrainingListener atEpochEnd(EpochFigures figures) {
    return TrainingListener.atEpochEnd(r -> {
      try {
        wrote(figures.draw(r.epoch()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the pictures of epoch " + r.epoch(), e);
      }
    });
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
