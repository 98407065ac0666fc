package org.genmodels.shared.train;

import java.util.List;
import org.tensorflow.op.Op;

/**
 * What the model-agnostic loop needs of a model's graph: the op that performs one training step,
 * the metrics fetched with it (the first is the loss that is minimised), and the metrics computed
 * on held-out data, which may be different operands (batch norm in inference mode, say).
 */
public record TrainGraph(Op trainStep, List<Metric> trainMetrics, List<Metric> evalMetrics) {
  public TrainGraph {
    if (trainMetrics.isEmpty() || evalMetrics.isEmpty()) {
      throw new IllegalArgumentException("a train graph needs at least the loss metric");
    }
    trainMetrics = List.copyOf(trainMetrics);
    evalMetrics = List.copyOf(evalMetrics);
  }

  /** A graph whose training and evaluation metrics are the same operands. */
  public static TrainGraph of(Op trainStep, List<Metric> metrics) {
    return new TrainGraph(trainStep, metrics, metrics);
  }
}
