package org.genmodels.shared.train;

import java.util.List;
import org.genmodels.shared.tf.GlobalStep;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TInt64;

/**
 * What the model-agnostic loop needs of a model's graph: the op that performs one training step,
 * the metrics fetched with it (the first is the loss that is minimised), the metrics computed
 * on held-out data, which may be different operands (batch norm in inference mode, say), and the
 * graph's step counter ({@link GlobalStep}), which a resumed run reads from its checkpoint.
 *
 * @param globalStep the step counter the train step increments; null when the graph has none (a
 *                   hand-built step, as in tests): such a graph trains but cannot be resumed
 */
public record TrainGraph(Op trainStep, List<Metric> trainMetrics, List<Metric> evalMetrics,
                         Operand<TInt64> globalStep) {
  public TrainGraph {
    if (trainMetrics.isEmpty() || evalMetrics.isEmpty()) {
      throw new IllegalArgumentException("a train graph needs at least the loss metric");
    }
    trainMetrics = List.copyOf(trainMetrics);
    evalMetrics = List.copyOf(evalMetrics);
  }

  /** As the canonical constructor, with the step counter of {@code trainStep}'s graph, if any. */
  public TrainGraph(Op trainStep, List<Metric> trainMetrics, List<Metric> evalMetrics) {
    this(trainStep, trainMetrics, evalMetrics, trainStep.env() instanceof Graph g
        ? GlobalStep.find(g).orElse(null) : null);
  }

  /** A graph whose training and evaluation metrics are the same operands. */
  public static TrainGraph of(Op trainStep, List<Metric> metrics) {
    return new TrainGraph(trainStep, metrics, metrics);
  }
}
