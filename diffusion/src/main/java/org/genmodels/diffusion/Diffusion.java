package org.genmodels.diffusion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.genmodels.shared.data.Batcher;
import org.genmodels.shared.data.HorizontalFlip;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.tf.Tensors;
import org.genmodels.shared.train.BatchFeeder;
import org.genmodels.shared.train.Checkpoints;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.Metric;
import org.genmodels.shared.train.MetricValues;
import org.genmodels.shared.train.ModelSession;
import org.genmodels.shared.train.TrainGraph;
import org.genmodels.shared.train.Trainer;
import org.genmodels.shared.train.TrainingListener;
import org.genmodels.shared.train.WeightAverage;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Seed 004's DDPM ready to use from code: trains {@link DiffusionModel} with Adam on a data set,
 * evaluates the L1 noise-prediction loss with fixed noise, and samples images through all T
 * reverse steps. Images are {@code [n, S, S, C]} floats in [-1, 1], row-major, channels last.
 *
 * <p>With {@code settings.ema() > 0} the model keeps a moving average of its weights and samples
 * with it (swapped in for the sampling run, then out).
 *
 * <p>Owns its graph and session: close it. {@link #evaluate} and, without a weight average,
 * {@link #sample} may run from several threads at once; training, restoring and sampling with the
 * average swapped in hold the model's lock.
 */
public final class Diffusion implements AutoCloseable {
  /** Snapshots in a denoising strip, as in the seed. */
  public static final int SNAPSHOTS = 10;

  private final DiffusionSettings settings;
  private final ImageShape source;
  private final ModelSession<DiffusionModel> graph;
  /** The weights' moving average, or null; guarded by {@code this} while swapped in. */
  private final WeightAverage average;

  private Diffusion(DiffusionSettings settings, ImageShape source) {
    this.settings = settings;
    this.source = source;
    DiffusionModel.TrainStep[] step = new DiffusionModel.TrainStep[1];
    this.graph = ModelSession.create(tf -> DiffusionModel.build(tf, settings, source, new Seeds(settings.seed())),
        (tf, m) -> {
          step[0] = m.trainStep(tf, settings.adam(), settings.ema());
          return new TrainGraph(step[0].step(), List.of(new Metric("loss", m.loss())),
              List.of(new Metric("loss", m.evalLoss())));
        }, settings.precision() == Precision.BF16);
    this.average = step[0].average();
    if (average != null) {
      try {
        // the average starts as the initial weights; a restore replaces both
        run(average.reset());
      } catch (RuntimeException e) {
        graph.close();
        throw e;
      }
    }
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

  /** The shape of a data set's images. */
  public static ImageShape shapeOf(ImageSet set) {
    return new ImageShape(set.height(), set.width(), set.channels());
  }

  /** The seed's batching: shuffled every epoch, the last partial batch dropped. */
  public Batcher batcher(ImageSet train) {
    return new Batcher(train.count(), settings.batchSize(), true, true, settings.seed());
  }

  /** Trains for {@code settings.epochs()} epochs, evaluating on {@code test} after each. */
  public List<EpochResult> train(ImageSet train, ImageSet test, List<TrainingListener> listeners) {
    return train(train, test, listeners, null);
  }

  /**
   * As {@link #train(ImageSet, ImageSet, List)}, continuing from the checkpoint in
   * {@code resumeFrom} when it is not null ({@link ModelSession#train}): weights, batch-norm statistics, the weights' average,
   * optimizer state and step counter are restored, and training goes on with the batch after the
   * checkpoint's step; t and noise depend only on the seed and the step, so the run ends where an
   * uninterrupted one would.
   *
   * @throws org.genmodels.shared.cli.UserException when the checkpoint is missing, corrupt or of
   *         other settings
   */
  public synchronized List<EpochResult> train(ImageSet train, ImageSet test, List<TrainingListener> listeners,
      Path resumeFrom) {
    return graph.train(trainer(listeners), train, test, batcher(train), settings.epochs(), settings.batchSize(),
        resumeFrom);
  }

  /** One training step on the examples {@code indices} of {@code set}. */
  public synchronized MetricValues trainStep(ImageSet set, int[] indices) {
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
  public synchronized void restore(Path dir) {
    Checkpoints.restore(graph.session(), dir);
  }

  /** {@code n} images drawn through all T reverse steps from {@code seed}: same seed, same pixels. */
  public float[] sample(int n, long seed) {
    return sample(n, seed, 0).images();
  }

  /**
   * {@code n} images drawn through all T reverse steps from {@code seed}, with {@code snapshots}
   * snapshots taken every T / snapshots steps, as the seed's {@code sample_plot_image} shows them
   * (0: none). One session run: it blocks until all T steps are done and reports no progress on
   * the way (a caller can say when it starts and ends).
   */
  public Samples sample(int n, long seed, int snapshots) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least one image to sample, got " + n);
    }
    if (snapshots < 0) {
      throw new IllegalArgumentException("the number of snapshots cannot be negative, got " + snapshots);
    }
    int[] steps = snapshotSteps(settings.timesteps(), snapshots);
    if (average == null) {
      return sampleWithCurrentWeights(n, seed, steps);
    }
    synchronized (this) {
      run(average.swap());
      try {
        return sampleWithCurrentWeights(n, seed, steps);
      } finally {
        run(average.swap());
      }
    }
  }

  /** One session run through the whole chain ({@link SamplerGraph}), fetching the result and the snapshots. */
  private Samples sampleWithCurrentWeights(int n, long seed, int[] steps) {
    SamplerGraph s = model().sampler();
    float[] images;
    float[] frames;
    try (TInt32 count = TInt32.scalarOf(n); TInt64 seedTensor = TInt64.scalarOf(seed);
         TInt32 stepTensor = TInt32.vectorOf(steps);
         Result r = graph.session().runner().feed(s.count(), count).feed(s.seed(), seedTensor)
             .feed(s.snapshotSteps(), stepTensor).fetch(s.images()).fetch(s.frames()).run()) {
      images = Tensors.toArray(r.get(0));
      frames = Tensors.toArray(r.get(1));
    }
    List<float[]> shots = new ArrayList<>();
    for (int k = 0; k < steps.length; k++) {
      shots.add(Arrays.copyOfRange(frames, k * images.length, (k + 1) * images.length));
    }
    return new Samples(images, n, shots, steps);
  }

  /**
   * The timesteps the seed's {@code sample_plot_image} shows: every T / {@code snapshots} steps,
   * ending with t = 0 (the result), noisiest first; where T is not a multiple of the interval,
   * the last {@code snapshots} of them.
   */
  static int[] snapshotSteps(int timesteps, int snapshots) {
    int every = Math.max(1, timesteps / Math.max(1, snapshots));
    List<Integer> steps = new ArrayList<>();
    for (int t = timesteps - 1; t >= 0; t--) {
      if (t % every == 0) {
        steps.add(t);
      }
    }
    return steps.subList(Math.max(0, steps.size() - snapshots), steps.size()).stream()
        .mapToInt(Integer::intValue).toArray();
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

  /** The weights' moving average, or null when the settings keep none. */
  public WeightAverage average() {
    return average;
  }

  private void run(Op target) {
    try (Result r = graph.session().runner().addTarget(target).run()) {
      // nothing fetched
    }
  }

  private Trainer trainer(List<TrainingListener> listeners) {
    DiffusionModel m = model();
    UnetSettings u = settings.unet();
    FixedNoise eval = new FixedNoise(m.input().feeder(), m.t(), m.noise(), settings.timesteps(),
        new long[] {u.imageSize(), u.imageSize(), u.channels()}, settings.seed());
    // image folders are mirrored at random, as the seed's StanfordCars; digits are not
    BatchFeeder feeder = settings.imageDir() == null ? m.input().feeder()
        : m.input().feeder(new HorizontalFlip(settings.seed()));
    return graph.trainer(feeder, eval, listeners);
  }
}
