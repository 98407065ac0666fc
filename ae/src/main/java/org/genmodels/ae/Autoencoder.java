package org.genmodels.ae;

import java.nio.file.Path;
import java.util.List;
import org.genmodels.shared.data.Batcher;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.train.Adam;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.Metric;
import org.genmodels.shared.train.MetricValues;
import org.genmodels.shared.train.ModelSession;
import org.genmodels.shared.train.TrainGraph;
import org.genmodels.shared.train.Trainer;
import org.genmodels.shared.train.TrainingListener;
import org.tensorflow.Session;

/**
 * A dense autoencoder ready to use from code: builds the graph of {@link AutoencoderModel} with
 * an Adam step, trains it, and encodes, decodes and reconstructs plain float arrays
 * (images flattened to 784 values in [0, 1], codes of {@code codeSize} values, row after row).
 *
 * <p>Owns its graph and session: close it. Inference methods may be called from several threads
 * at once; {@link #train} must not run concurrently with anything else.
 */
public final class Autoencoder implements AutoCloseable {
  private static final long[] IMAGE = {AutoencoderModel.INPUT_SIZE};

  private final AutoencoderSettings settings;
  private final ModelSession<AutoencoderModel> graph;

  private Autoencoder(AutoencoderSettings settings) {
    this.settings = settings;
    this.graph = ModelSession.create(
        tf -> AutoencoderModel.build(tf, settings.hiddenSizes(), settings.codeSize(), settings.precision(),
            new Seeds(settings.seed())),
        (tf, model) -> TrainGraph.of(Adam.minimize(tf, model.loss(), model.params().trainableVariables(),
            Adam.Settings.keras(settings.learningRate())), List.of(new Metric("loss", model.loss()))));
  }

  /** A new, untrained autoencoder with weights drawn from {@code settings.seed()}. */
  public static Autoencoder create(AutoencoderSettings settings) {
    return new Autoencoder(settings);
  }

  /**
   * Trains for {@code settings.epochs()} epochs on {@code data.train()}, evaluating the mean test
   * BCE after each.
   */
  public List<EpochResult> train(ImageData data, List<TrainingListener> listeners) {
    return train(data, listeners, null);
  }

  /**
   * As {@link #train(ImageData, List)}, continuing from the checkpoint in {@code resumeFrom} when
   * it is not null ({@link ModelSession#train}): batch order depends only on the seed and the
   * step, so the result is bitwise that of an uninterrupted run.
   *
   * @return one result per epoch this call trained
   * @throws org.genmodels.shared.cli.UserException when the checkpoint is missing, corrupt or of
   *         other settings
   */
  public List<EpochResult> train(ImageData data, List<TrainingListener> listeners, Path resumeFrom) {
    requireImageSize(data.train());
    return graph.train(trainer(listeners), data.train(), data.test(),
        new Batcher(data.train().count(), settings.batchSize(), true, false, settings.seed()), settings.epochs(),
        settings.batchSize(), resumeFrom);
  }

  /** Mean per-pixel BCE over all of {@code set}. */
  public double evaluate(ImageSet set) {
    requireImageSize(set);
    return trainer(List.of()).evaluate(set, settings.batchSize()).loss();
  }

  /** One Adam step on the examples {@code indices} of {@code set}; returns the batch loss. */
  public MetricValues trainStep(ImageSet set, int[] indices) {
    return trainer(List.of()).step(set, indices);
  }

  /** Reconstructions {@code sigmoid(decoder(encoder(x)))} of {@code n} images, {@code [n, 784]}. */
  public float[] reconstruct(float[] images, int n) {
    return graph.run(model().input().x(), model().reconstruction(), IMAGE, images, n);
  }

  /** Codes of {@code n} images, {@code [n, codeSize]}. */
  public float[] encode(float[] images, int n) {
    return graph.run(model().input().x(), model().code(), IMAGE, images, n);
  }

  /** Images {@code sigmoid(decoder(z))} of {@code n} codes, {@code [n, 784]}. */
  public float[] decode(float[] codes, int n) {
    return graph.run(model().z(), model().decoded(), new long[] {settings.codeSize()}, codes, n);
  }

  public AutoencoderSettings settings() {
    return settings;
  }

  /** The graph, for callers that add to it (exports, tests). */
  public AutoencoderModel model() {
    return graph.model();
  }

  public Session session() {
    return graph.session();
  }

  @Override
  public void close() {
    graph.close();
  }

  private Trainer trainer(List<TrainingListener> listeners) {
    return graph.trainer(model().input().feeder(), listeners);
  }

  private static void requireImageSize(ImageSet set) {
    if (set.imageSize() != AutoencoderModel.INPUT_SIZE) {
      throw new IllegalArgumentException("the autoencoder takes 28×28 images, got "
          + set.height() + "×" + set.width());
    }
  }
}
