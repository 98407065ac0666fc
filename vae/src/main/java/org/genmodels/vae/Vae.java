package org.genmodels.vae;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import org.genmodels.shared.data.Batcher;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.tf.Tensors;
import org.genmodels.shared.train.Adam;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.FixedExampleNoise;
import org.genmodels.shared.train.Metric;
import org.genmodels.shared.train.MetricValues;
import org.genmodels.shared.train.ModelSession;
import org.genmodels.shared.train.TrainGraph;
import org.genmodels.shared.train.Trainer;
import org.genmodels.shared.train.TrainingListener;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * A dense VAE ready to use from code: trains the graph of {@link VaeModel} with Adam, and encodes,
 * decodes, reconstructs and samples plain float arrays (images flattened to 784 values in [0, 1],
 * latents of {@code latentSize} values, row after row), and estimates the test log-likelihood.
 *
 * <p>Owns its graph and session: close it. Inference methods may be called from several threads
 * at once; {@link #train} must not run concurrently with anything else.
 */
public final class Vae implements AutoCloseable {
  private static final long[] IMAGE = {VaeModel.INPUT_SIZE};
  /** Decoder rows per run of the importance-sampling graph: bounds its memory (~50 MB a tensor). */
  private static final int IMPORTANCE_ROWS = 16_384;

  private final VaeSettings settings;
  private final ModelSession<VaeModel> graph;

  /** Encoder outputs for n images: means and log variances, {@code [n, L]} each. */
  public record Encoding(float[] mean, float[] logVar) {
  }

  private Vae(VaeSettings settings) {
    this.settings = settings;
    this.graph = ModelSession.create(tf -> VaeModel.build(tf, settings, new Seeds(settings.seed())),
        (tf, m) -> new TrainGraph(Adam.minimize(tf, m.loss(), m.params().trainableVariables(), settings.adam()),
            List.of(new Metric("loss", m.loss()), new Metric("rec", m.reconstructionLoss()),
                new Metric("kl", m.klLoss())),
            List.of(new Metric("loss", m.loss()), new Metric("rec", m.reconstructionLoss()),
                new Metric("kl", m.klLoss()), new Metric("nelbo", m.negativeElbo()))));
  }

  /** A new, untrained VAE with weights drawn from {@code settings.seed()}. */
  public static Vae create(VaeSettings settings) {
    return new Vae(settings);
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
    requireImageSize(data.train());
    return graph.train(trainer(listeners), data.train(), data.test(),
        new Batcher(data.train().count(), settings.batchSize(), true, false, settings.seed()), settings.epochs(),
        settings.batchSize(), resumeFrom);
  }

  /** One Adam step on the examples {@code indices} of {@code set}. */
  public MetricValues trainStep(ImageSet set, int[] indices) {
    return trainer(List.of()).step(set, indices);
  }

  /**
   * {@code loss}, {@code rec}, {@code kl} and {@code nelbo} (nats per image) averaged over
   * {@code set}, each image's z drawn with noise fixed by the seed and the image's index: the same
   * weights give the same numbers, as the epoch lines and the final report print them.
   */
  public MetricValues evaluate(ImageSet set) {
    requireImageSize(set);
    return trainer(List.of()).evaluate(set, settings.batchSize());
  }

  /** The encoder's means and log variances for {@code n} images. */
  public Encoding encode(float[] images, int n) {
    return new Encoding(graph.run(model().input().x(), model().zMean(), IMAGE, images, n),
        graph.run(model().input().x(), model().zLogVar(), IMAGE, images, n));
  }

  /** The images of {@code n} latents {@code [n, L]}: {@code [n, 784]}. */
  public float[] decode(float[] latents, int n) {
    return graph.run(model().zInput(), model().decoded(), new long[] {settings.latentSize()}, latents, n);
  }

  /** The images of the encoder's means: a deterministic reconstruction, {@code [n, 784]}. */
  public float[] reconstruct(float[] images, int n) {
    return decode(encode(images, n).mean(), n);
  }

  /**
   * {@code n} images decoded from {@code z ~ N(0, I)}; the same seed gives the same images.
   */
  public float[] sample(int n, long seed) {
    try (TInt32 count = TInt32.scalarOf(n);
         TInt64 seeds = TInt64.scalarOf(seed);
         Result r = session().runner().feed(model().sampleCount(), count)
             .feed(model().sampleSeed(), seeds).fetch(model().samples()).run()) {
      return Tensors.toArray(r.get(0));
    }
  }

  /**
   * The importance-weighted bound {@code L_k} on {@code log p(x)} (nats) of each of the first
   * {@code images} images of {@code set}; {@code −mean} is the usual test NLL estimate.
   * Large k is split into chunks and recombined exactly.
   *
   * @param progress hears the number of images done
   */
  public double[] importanceWeightedBound(ImageSet set, int k, int images, IntConsumer progress) {
    requireImageSize(set);
    if (k < 1) {
      throw new IllegalArgumentException("need at least one importance sample, got " + k);
    }
    int n = Math.min(images, set.count());
    int chunk = Math.min(k, IMPORTANCE_ROWS);
    int batch = Math.max(1, IMPORTANCE_ROWS / chunk);
    double[] bounds = new double[n];
    for (int from = 0; from < n; from += batch) {
      int[] indices = range(from, Math.min(n, from + batch));
      double[][] parts = new double[(k + chunk - 1) / chunk][];
      double[] logCounts = new double[parts.length];
      for (int c = 0; c < parts.length; c++) {
        int samples = Math.min(chunk, k - c * chunk);
        parts[c] = bound(set, indices, samples);
        logCounts[c] = Math.log(samples);
      }
      for (int i = 0; i < indices.length; i++) {
        // L_k = log Σ_c (k_c · e^{L_{k_c}}) − log k
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < parts.length; c++) {
          max = Math.max(max, parts[c][i] + logCounts[c]);
        }
        double sum = 0;
        for (int c = 0; c < parts.length; c++) {
          sum += Math.exp(parts[c][i] + logCounts[c] - max);
        }
        bounds[from + i] = max + Math.log(sum) - Math.log(k);
      }
      progress.accept(from + indices.length);
    }
    return bounds;
  }

  private double[] bound(ImageSet set, int[] indices, int samples) {
    try (TUint8 pixels = Tensors.bytes(set.bytes(indices), indices.length, VaeModel.INPUT_SIZE);
         TInt32 k = TInt32.scalarOf(samples);
         Result r = session().runner().feed(model().input().pixels(), pixels)
             .feed(model().importanceSamples(), k).fetch(model().importanceBound()).run()) {
      float[] values = Tensors.toArray(r.get(0));
      double[] out = new double[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = values[i];
      }
      return out;
    }
  }

  public VaeSettings settings() {
    return settings;
  }

  public VaeModel model() {
    return graph.model();
  }

  public Session session() {
    return graph.session();
  }

  /** The model's graph and session, for callers that add to the graph. */
  public ModelSession<VaeModel> graph() {
    return graph;
  }

  @Override
  public void close() {
    graph.close();
  }

  private Trainer trainer(List<TrainingListener> listeners) {
    return graph.trainer(model().input().feeder(), model().input().feeder().and(
        new FixedExampleNoise(model().eps(), settings.latentSize(), settings.seed())), listeners);
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  private static void requireImageSize(ImageSet set) {
    if (set.imageSize() != VaeModel.INPUT_SIZE) {
      throw new IllegalArgumentException("the VAE takes 28×28 images, got " + set.height() + "×" + set.width());
    }
  }
}
