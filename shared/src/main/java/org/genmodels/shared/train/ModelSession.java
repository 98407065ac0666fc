package org.genmodels.shared.train;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.genmodels.shared.data.Batcher;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.tf.BatchedRunner;
import org.genmodels.shared.tf.Bf16Rewrite;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A model's graph and the session that runs it: what every model's facade ({@code Autoencoder},
 * {@code Vae}, ...) is built on. It builds the model with the caller's graph code, adds the
 * training step, and then trains with the shared {@link Trainer} and runs graph functions over
 * plain arrays in batches.
 *
 * <p>Owns the graph and session: close it. Runs of graph functions may come from several threads
 * at once (TF sessions allow it); training must not overlap with anything else.
 *
 * @param <M> the model's graph record
 */
public final class ModelSession<M> implements AutoCloseable {
  private static final int INFERENCE_BATCH = 1024;

  private final Graph graph;
  private final Ops tf;
  private final M model;
  private final TrainGraph trainGraph;
  private final Session session;

  private ModelSession(Graph graph, Ops tf, M model, TrainGraph trainGraph, boolean bf16Rewrite) {
    this.graph = graph;
    this.tf = tf;
    this.model = model;
    this.trainGraph = trainGraph;
    this.session = Bf16Rewrite.session(graph, bf16Rewrite);
  }

  /**
   * Builds a new graph: the model with {@code build}, then its training step with {@code train}.
   */
  public static <M> ModelSession<M> create(Function<Ops, M> build, BiFunction<Ops, M, TrainGraph> train) {
    return create(build, train, false);
  }

  /**
   * As {@link #create(Function, BiFunction)}, the session running every subgraph through TensorFlow's
   * bfloat16 rewrite when {@code bf16Rewrite} ({@link Bf16Rewrite}: the conv models' {@code --precision bf16}).
   */
  public static <M> ModelSession<M> create(Function<Ops, M> build, BiFunction<Ops, M, TrainGraph> train,
      boolean bf16Rewrite) {
    Graph graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      M model = build.apply(tf);
      return new ModelSession<>(graph, tf, model, train.apply(tf, model), bf16Rewrite);
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  public M model() {
    return model;
  }

  public Session session() {
    return session;
  }

  /** The graph's ops, for callers that add to the graph (listeners, exports, tests). */
  public Ops ops() {
    return tf;
  }

  public TrainGraph trainGraph() {
    return trainGraph;
  }

  /**
   * Restores the checkpoint in {@code dir} (see {@link Resume#restore}).
   *
   * @return the global step to continue training from
   */
  public long resume(Path dir) {
    return Resume.restore(session, trainGraph, dir);
  }

  /**
   * Trains with {@code trainer} to the end of epoch {@code epochs} on {@code batcher}'s batches of
   * {@code train}, evaluating on {@code test} after each epoch; from the start, or, when
   * {@code resumeFrom} is not null, from its checkpoint: weights, optimizer state and step counter
   * are restored, and training goes on with the batch after the checkpoint's step. The checkpoint
   * must come from a run with the same settings. What every facade's {@code train} does.
   *
   * @return one result per epoch this call trained (a resumed epoch's train metrics cover only the
   *         steps taken after the resume; nothing when the checkpoint is at the end)
   * @throws org.genmodels.shared.cli.UserException when the checkpoint is missing, corrupt or of
   *         other settings
   */
  public List<EpochResult> train(Trainer trainer, ImageSet train, ImageSet test, Batcher batcher, int epochs,
      int evalBatchSize, Path resumeFrom) {
    long start = resumeFrom == null ? 0 : resume(resumeFrom);
    return trainer.fitFrom(train, test, batcher, start, epochs, evalBatchSize);
  }

  /** The training loop over this session, feeding batches with {@code feeder}. */
  public Trainer trainer(BatchFeeder feeder, List<TrainingListener> listeners) {
    return new Trainer(session, trainGraph, feeder, listeners);
  }

  /** As {@link #trainer(BatchFeeder, List)}, feeding evaluation batches with {@code evalFeeder}. */
  public Trainer trainer(BatchFeeder feeder, BatchFeeder evalFeeder, List<TrainingListener> listeners) {
    return new Trainer(session, trainGraph, feeder, evalFeeder, listeners);
  }

  /**
   * Runs {@code output} on {@code rows} rows of {@code data} fed into {@code input}, in batches.
   *
   * @param rowShape the shape of one input row, without the batch dimension
   */
  public float[] run(Operand<TFloat32> input, Operand<TFloat32> output, long[] rowShape, float[] data,
      int rows) {
    return new BatchedRunner(session, input, output, rowShape, INFERENCE_BATCH).run(data, rows);
  }

  /** As {@link #run(Operand, Operand, long[], float[], int)}, feeding {@code extra} beside each batch. */
  public float[] run(Operand<TFloat32> input, Operand<TFloat32> output, long[] rowShape, float[] data,
      int rows, BatchedRunner.RowFeeds extra) {
    return new BatchedRunner(session, input, output, rowShape, INFERENCE_BATCH).run(data, rows, extra);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
