package org.genmodels.shared.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * How an elementwise loss {@code [B, ...]} becomes a scalar: the two forms the seeds use.
 */
public enum Reduction {
  /**
   * Summed over everything but the batch, averaged over the batch ({@code reduce_sum(l) / B}): a
   * per-example quantity, nats per image for a log-likelihood. {@code VAE.py} and seed 004.
   */
  SUM_PER_EXAMPLE,
  /** The mean over every element ({@code reduce_mean(l)}). {@code AE.py}, seed 003, the Keras book. */
  MEAN;

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> elementwise) {
    return this == MEAN ? Losses.meanAll(tf, elementwise) : Losses.sumPerExample(tf, elementwise);
  }
}
