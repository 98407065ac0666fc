package org.genmodels.cvae;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.genmodels.shared.data.Batcher;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.tf.BatchedRunner;
import org.genmodels.shared.train.Adam;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.Feeds;
import org.genmodels.shared.train.Metric;
import org.genmodels.shared.train.MetricValues;
import org.genmodels.shared.train.ModelSession;
import org.genmodels.shared.train.TrainGraph;
import org.genmodels.shared.train.Trainer;
import org.genmodels.shared.train.TrainingListener;
import org.tensorflow.Session;

/**
 * The convolutional (conditional) VAE ready to use from code: trains the graph of {@link CvaeModel}
 * with Adam, and encodes, decodes and generates plain float arrays. Images are 28×28 values in
 * [-1, 1], row after row ({@code [n, 28, 28, 1]}); latents {@code [n, L]}; labels one int per
 * image, required when the model is conditional and ignored otherwise.
 *
 * <p>Owns its graph and session: close it. Inference methods may be called from several threads
 * at once; {@link #train} must not run concurrently with anything else.
 */
public final class Cvae implements AutoCloseable {
  private static final long[] IMAGE = {CvaeModel.SIZE, CvaeModel.SIZE, 1};

  private final CvaeSettings settings;
  private final ModelSession<CvaeModel> graph;

  /** Encoder outputs for n images: means and log variances, {@code [n, L]} each. */
  public record Encoding(float[] mean, float[] logVar) {
  }

  private Cvae(CvaeSettings settings) {
    this.settings = settings;
    this.graph = ModelSession.create(tf -> CvaeModel.build(tf, settings, new Seeds(settings.seed())),
        (tf, m) -> TrainGraph.of(Adam.minimize(tf, m.loss(), m.params().trainableVariables(), settings.adam()),
            List.of(new Metric("loss", m.loss()), new Metric("rec", m.reconstructionLoss()),
                new Metric("kl", m.klLoss()))), settings.precision() == Precision.BF16);
  }

  /** A new, untrained model with weights drawn from {@code settings.seed()}. */
  public static Cvae create(CvaeSettings settings) {
    return new Cvae(settings);
  }

  /** The seed's batching: shuffled every epoch, the last partial batch dropped. */
  public Batcher batcher(ImageSet train) {
    return new Batcher(train.count(), settings.batchSize(), true, true, settings.seed());
  }

  /** Trains for {@code settings.epochs()} epochs, evaluating on {@code data.test()} after each. */
  public List<EpochResult> train(ImageData data, List<TrainingListener> listeners) {
    return train(data, listeners, null);
  }

  /**
   * As {@link #train(ImageData, List)}, continuing from the checkpoint in {@code resumeFrom} when
   * it is not null ({@link ModelSession#train}): batch order and the noise {@code eps} depend only
   * on the seed and the step, so the result is bitwise that of an uninterrupted run.
   *
   * @return one result per epoch this call trained
   * @throws org.genmodels.shared.cli.UserException when the checkpoint is missing, corrupt or of
   *         other settings
   */
  public List<EpochResult> train(ImageData data, List<TrainingListener> listeners, Path resumeFrom) {
    return graph.train(trainer(listeners), data.train(), data.test(), batcher(data.train()), settings.epochs(),
        settings.batchSize(), resumeFrom);
  }

  /** One Adam step on the examples {@code indices} of {@code set}. */
  public MetricValues trainStep(ImageSet set, int[] indices) {
    return trainer(List.of()).step(set, indices);
  }

  /** {@code loss}, {@code rec} and {@code kl} (per image) averaged over {@code set}. */
  public MetricValues evaluate(ImageSet set) {
    return trainer(List.of()).evaluate(set, settings.batchSize());
  }

  /** The encoder's means and log variances for {@code n} images (and their labels). */
  public Encoding encode(float[] images, int[] labels, int n) {
    BatchedRunner.RowFeeds feeds = labelFeeds(labels, n);
    return new Encoding(graph.run(model().input().x(), model().zMean(), IMAGE, images, n, feeds),
        graph.run(model().input().x(), model().zLogVar(), IMAGE, images, n, feeds));
  }

  /** The images of {@code n} latents {@code [n, L]} (and labels): {@code [n, 28, 28, 1]} in [-1, 1]. */
  public float[] decode(float[] latents, int[] labels, int n) {
    return graph.run(model().zInput(), model().decoded(), new long[] {settings.latentSize()}, latents, n,
        labelFeeds(labels, n));
  }

  /**
   * {@code n} images of class {@code label} (ignored when unconditional) decoded from
   * {@code z ~ N(0, I)} drawn with {@code seed}: the same seed gives the same images.
   */
  public float[] generate(int label, int n, long seed) {
    int[] labels = new int[n];
    Arrays.fill(labels, label);
    return decode(standardNormal(n * settings.latentSize(), seed), labels, n);
  }

  /** {@code count} draws of N(0, 1) from {@code seed}. */
  public static float[] standardNormal(int count, long seed) {
    Random random = new Random(seed);
    float[] z = new float[count];
    for (int i = 0; i < count; i++) {
      z[i] = (float) random.nextGaussian();
    }
    return z;
  }

  private BatchedRunner.RowFeeds labelFeeds(int[] labels, int n) {
    if (!settings.conditional()) {
      return (from, rows) -> new Feeds();
    }
    if (labels == null || labels.length != n) {
      throw new IllegalArgumentException("the conditional model needs one label per image: " + n
          + " images, " + (labels == null ? "no" : labels.length) + " labels");
    }
    return (from, rows) -> model().labels().feed(Arrays.copyOfRange(labels, from, from + rows));
  }

  public CvaeSettings settings() {
    return settings;
  }

  public CvaeModel model() {
    return graph.model();
  }

  public Session session() {
    return graph.session();
  }

  /** The model's graph and session, for callers that add to the graph. */
  public ModelSession<CvaeModel> graph() {
    return graph;
  }

  @Override
  public void close() {
    graph.close();
  }

  private Trainer trainer(List<TrainingListener> listeners) {
    return graph.trainer(model().input().feeder().and(model().labels().feeder()), listeners);
  }
}
