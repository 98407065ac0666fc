package org.genmodels.diffusion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.data.Batcher;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.tf.Tensors;
import org.genmodels.shared.train.Checkpoints;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.Metric;
import org.genmodels.shared.train.MetricValues;
import org.genmodels.shared.train.ModelSession;
import org.genmodels.shared.train.TrainGraph;
import org.genmodels.shared.train.Trainer;
import org.genmodels.shared.train.TrainingListener;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Seed 004's DDPM ready to use from code: trains {@link DiffusionModel} with Adam on a data set,
 * evaluates the L1 noise-prediction loss with fixed noise, and samples images through all T
 * reverse steps. Images are {@code [n, S, S, C]} floats in [-1, 1], row-major, channels last.
 *
 * <p>Owns its graph and session: close it. {@link #sample} and {@link #evaluate} may run from
 * several threads at once; {@link #train} must not run concurrently with anything else.
 */
public final class Diffusion implements AutoCloseable {
  /** Snapshots in a denoising strip, as in the seed. */
  public static final int SNAPSHOTS = 10;

  private final DiffusionSettings settings;
  private final ImageShape source;
  private final ModelSession<DiffusionModel> graph;

  private Diffusion(DiffusionSettings settings, ImageShape source) {
    this.settings = settings;
    this.source = source;
    this.graph = ModelSession.create(tf -> DiffusionModel.build(tf, settings, source, new Seeds(settings.seed())),
        (tf, m) -> new TrainGraph(m.trainStep(tf, settings.adam()), List.of(new Metric("loss", m.loss())),
            List.of(new Metric("loss", m.evalLoss()))));
  }

  /**
   * A new, untrained model with weights drawn from {@code settings.seed()}, for data-set images of
   * shape {@code source} (framed to the network's size in the graph, see {@link ImageFraming}).
   */
  public static Diffusion create(DiffusionSettings settings, ImageShape source) {
    return new Diffusion(settings, source);
  }

  /** A model whose data are already at the network's size (for sampling from a checkpoint). */
  public static Diffusion create(DiffusionSettings settings) {
    UnetSettings u = settings.unet();
    return new Diffusion(settings, new ImageShape(u.imageSize(), u.imageSize(), u.channels()));
  }

  /** The shape of a gray data set's images. */
  public static ImageShape shapeOf(ImageSet set) {
    return new ImageShape(set.height(), set.width(), 1);
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
   * As {@link #train(ImageData, List)}, continuing from the checkpoint in {@code resumeFrom} when it
   * is not null: weights, batch-norm statistics, optimizer state and step counter are restored, and
   * training goes on with the batch after the checkpoint's step; t and noise depend only on the
   * seed and the step, so the run ends where an uninterrupted one would.
   *
   * @throws org.genmodels.shared.cli.UserException when the checkpoint is missing, corrupt or of
   *         other settings
   */
  public List<EpochResult> train(ImageData data, List<TrainingListener> listeners, Path resumeFrom) {
    long start = resumeFrom == null ? 0 : graph.resume(resumeFrom);
    return trainer(listeners).fitFrom(data.train(), data.test(), batcher(data.train()), start, settings.epochs(),
        settings.batchSize());
  }

  /** One training step on the examples {@code indices} of {@code set}. */
  public MetricValues trainStep(ImageSet set, int[] indices) {
    return trainer(List.of()).step(set, indices);
  }

  /**
   * The L1 noise-prediction loss over {@code set}, batch norm in inference mode, with t and noise
   * fixed per example by the seed (see {@link FixedNoise}): deterministic.
   */
  public MetricValues evaluate(ImageSet set) {
    return trainer(List.of()).evaluate(set, settings.batchSize());
  }

  /**
   * Restores weights and batch-norm statistics (and the optimizer state) from the checkpoint in
   * {@code dir}, written by a run with the same network settings.
   *
   * @throws org.genmodels.shared.cli.UserException when it is missing, corrupt or of another network
   */
  public void restore(Path dir) {
    Checkpoints.restore(graph.session(), dir);
  }

  /** {@code n} images drawn through all T reverse steps from {@code seed}: same seed, same pixels. */
  public float[] sample(int n, long seed) {
    return sample(n, seed, SNAPSHOTS).images();
  }

  /**
   * {@code n} images drawn through all T reverse steps from {@code seed}, with {@code snapshots}
   * snapshots taken every T / snapshots steps, as the seed's {@code sample_plot_image} shows them.
   */
  public Samples sample(int n, long seed, int snapshots) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least one image to sample, got " + n);
    }
    int timesteps = settings.timesteps();
    int every = Math.max(1, timesteps / Math.max(1, snapshots));
    SamplerGraph s = model().sampler();
    Session session = graph.session();
    UnetSettings u = settings.unet();
    long[] shape = {n, u.imageSize(), u.imageSize(), u.channels()};
    float[] x;
    try (TInt32 count = TInt32.scalarOf(n); TInt64 seedTensor = TInt64.scalarOf(seed);
         Result r = session.runner().feed(s.count(), count).feed(s.seed(), seedTensor).fetch(s.initial()).run()) {
      x = Tensors.toArray(r.get(0));
    }
    List<float[]> shots = new ArrayList<>();
    List<Integer> steps = new ArrayList<>();
    try (TInt64 seedTensor = TInt64.scalarOf(seed)) {
      for (int t = timesteps - 1; t >= 0; t--) {
        try (TFloat32 xt = Tensors.floats(x, shape); TInt32 tt = TInt32.scalarOf(t);
             Result r = session.runner().feed(s.x(), xt).feed(s.t(), tt).feed(s.seed(), seedTensor)
                 .fetch(s.next()).run()) {
          x = Tensors.toArray(r.get(0));
        }
        if (t % every == 0) {
          shots.add(x);
          steps.add(t);
        }
      }
    }
    while (shots.size() > snapshots) {
      // T not a multiple of the interval: keep the last ones, which end with the result
      shots.remove(0);
      steps.remove(0);
    }
    return new Samples(x, n, shots, steps.stream().mapToInt(Integer::intValue).toArray());
  }

  public DiffusionSettings settings() {
    return settings;
  }

  public ImageShape source() {
    return source;
  }

  public DiffusionModel model() {
    return graph.model();
  }

  public Session session() {
    return graph.session();
  }

  /** The model's graph and session, for callers that add to the graph. */
  public ModelSession<DiffusionModel> graph() {
    return graph;
  }

  @Override
  public void close() {
    graph.close();
  }

  private Trainer trainer(List<TrainingListener> listeners) {
    DiffusionModel m = model();
    UnetSettings u = settings.unet();
    FixedNoise eval = new FixedNoise(m.input().feeder(), m.t(), m.noise(), settings.timesteps(),
        new long[] {u.imageSize(), u.imageSize(), u.channels()}, settings.seed());
    return graph.trainer(m.input().feeder(), eval, listeners);
  }
}
