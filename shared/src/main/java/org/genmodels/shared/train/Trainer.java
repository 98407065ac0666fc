package org.genmodels.shared.train;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.data.Batcher;
import org.genmodels.shared.data.ImageSet;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * The training loop, the same for every model: for each epoch, one {@code trainStep} run per
 * batch, fetching the train metrics; then the eval metrics over the held-out set; listeners hear
 * every step and epoch. The loss is checked after every step, and a NaN or infinite loss stops
 * training with {@link NonFiniteLossException}. Every fed tensor and every {@link Result} is closed
 * after its run. Not thread-safe; the session must not be trained from two threads.
 */
public final class Trainer {
  private final Session session;
  private final TrainGraph graph;
  private final BatchFeeder feeder;
  private final BatchFeeder evalFeeder;
  private final List<TrainingListener> listeners;

  public Trainer(Session session, TrainGraph graph, BatchFeeder feeder, List<TrainingListener> listeners) {
    this(session, graph, feeder, feeder, listeners);
  }

  /**
   * A loop that feeds evaluation batches with {@code evalFeeder} (which may feed more, e.g. fixed
   * noise that makes a random loss deterministic) and training batches with {@code feeder}.
   */
  public Trainer(Session session, TrainGraph graph, BatchFeeder feeder, BatchFeeder evalFeeder,
      List<TrainingListener> listeners) {
    this.session = session;
    this.graph = graph;
    this.feeder = feeder;
    this.evalFeeder = evalFeeder;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Trains epochs {@code firstEpoch..epochs} (1-based, inclusive) and evaluates on {@code test}
   * after each.
   *
   * @return one result per epoch trained
   */
  public List<EpochResult> fit(ImageSet train, ImageSet test, Batcher batcher, int firstEpoch,
      int epochs, int evalBatchSize) {
    return fitFrom(train, test, batcher, (long) (firstEpoch - 1) * batcher.steps(), epochs, evalBatchSize);
  }

  /**
   * Trains from global step {@code startStep} (steps already taken, as a restored checkpoint's
   * {@code GlobalStep} says) to the end of epoch {@code epochs}, evaluating on {@code test} after
   * each epoch. Epoch e visits the batches {@code batcher.epoch(e - 1)}, a permutation fixed by
   * the seed and e alone, so a run resumed mid-epoch takes exactly the remaining batches an
   * uninterrupted run would. Listeners hear {@link TrainingListener#onResume} first when
   * {@code startStep > 0}, then the usual events with the true epoch and step numbers.
   *
   * <p>The train metrics of a resumed epoch average only the steps this run took (the remaining
   * ones); the test metrics are complete.
   *
   * @return one result per epoch trained (none when {@code startStep} is the run's last step)
   * @throws IllegalArgumentException when {@code startStep} lies outside {@code [0, epochs·steps]}
   */
  public List<EpochResult> fitFrom(ImageSet train, ImageSet test, Batcher batcher, long startStep,
      int epochs, int evalBatchSize) {
    int steps = batcher.steps();
    ResumePoint start = ResumePoint.at(startStep, steps, epochs);
    if (startStep > 0) {
      listeners.forEach(l -> l.onResume(start));
    }
    listeners.forEach(l -> l.onTrainStart(start.epoch(), epochs, steps));
    List<EpochResult> history = new ArrayList<>();
    long globalStep = startStep;
    for (int epoch = start.epoch(); epoch <= epochs; epoch++) {
      final int e = epoch;
      listeners.forEach(l -> l.onEpochStart(e, epochs, steps));
      int[][] batches = batcher.epoch(epoch - 1);
      double[] sums = new double[graph.trainMetrics().size()];
      long seen = 0;
      long begin = System.nanoTime();
      for (int s = epoch == start.epoch() ? start.step() : 0; s < batches.length; s++) {
        MetricValues values = step(train, batches[s]);
        checkFinite(values, epoch, s);
        accumulate(sums, values, batches[s].length);
        seen += batches[s].length;
        StepResult result = new StepResult(epoch, s, batches.length, ++globalStep, values);
        listeners.forEach(l -> l.onStep(result));
      }
      double trainSeconds = (System.nanoTime() - begin) / 1e9;
      long evalStart = System.nanoTime();
      MetricValues testValues = evaluate(test, evalBatchSize);
      double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
      EpochResult result = new EpochResult(epoch, epochs, mean(graph.trainMetrics(), sums, seen),
          testValues, trainSeconds, evalSeconds);
      history.add(result);
      listeners.forEach(l -> l.onEpochEnd(result));
    }
    listeners.forEach(l -> l.onTrainEnd(List.copyOf(history)));
    return history;
  }

  /** Runs one training step on the examples {@code indices} of {@code set}. */
  public MetricValues step(ImageSet set, int[] indices) {
    return runMetrics(session, graph.trainMetrics(), feeder, set, indices, graph.trainStep());
  }

  /** The eval metrics averaged over all of {@code set}, in batches of {@code batchSize}. */
  public MetricValues evaluate(ImageSet set, int batchSize) {
    return evaluate(session, graph.evalMetrics(), evalFeeder, set, batchSize);
  }

  /** Averages {@code metrics} over {@code set}, weighting each batch by its size. */
  public static MetricValues evaluate(Session session, List<Metric> metrics, BatchFeeder feeder,
      ImageSet set, int batchSize) {
    Batcher batcher = new Batcher(set.count(), batchSize, false, false, 0);
    double[] sums = new double[metrics.size()];
    for (int[] batch : batcher.epoch(0)) {
      accumulate(sums, runMetrics(session, metrics, feeder, set, batch, null), batch.length);
    }
    return mean(metrics, sums, set.count());
  }

  private static MetricValues runMetrics(Session session, List<Metric> metrics, BatchFeeder feeder,
      ImageSet set, int[] indices, Op target) {
    try (Feeds feeds = feeder.feed(set, indices)) {
      Session.Runner runner = feeds.applyTo(session.runner());
      if (target != null) {
        runner.addTarget(target);
      }
      metrics.forEach(m -> runner.fetch(m.value()));
      try (Result result = runner.run()) {
        double[] values = new double[metrics.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = ((TFloat32) result.get(i)).getFloat();
        }
        return new MetricValues(names(metrics), values);
      }
    }
  }

  private static void checkFinite(MetricValues values, int epoch, int step) {
    if (!Double.isFinite(values.loss())) {
      throw new NonFiniteLossException(values.names().get(0), values.loss(), epoch, step);
    }
  }

  private static void accumulate(double[] sums, MetricValues values, int weight) {
    double[] v = values.values();
    for (int i = 0; i < sums.length; i++) {
      sums[i] += v[i] * weight;
    }
  }

  private static MetricValues mean(List<Metric> metrics, double[] sums, long count) {
    double[] means = new double[sums.length];
    for (int i = 0; i < sums.length; i++) {
      means[i] = sums[i] / count;
    }
    return new MetricValues(names(metrics), means);
  }

  private static List<String> names(List<Metric> metrics) {
    return metrics.stream().map(Metric::name).toList();
  }
}
