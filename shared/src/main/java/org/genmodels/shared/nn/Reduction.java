package org.genmodels.shared.nn;

import java.util.List;
import org.genmodels.shared.cli.CliName;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * How an elementwise loss {@code [B, ...]} becomes a scalar: the two forms the seeds use.
 */
public enum Reduction implements CliName {
  /**
   * Summed over everything but the batch, averaged over the batch ({@code reduce_sum(l) / B}): a
   * per-example quantity, nats per image for a log-likelihood. {@code VAE.py} and seed 004.
   */
  SUM_PER_EXAMPLE,
  /** The mean over every element ({@code reduce_mean(l)}). {@code AE.py}, seed 003, the Keras book. */
  MEAN;

  /** The command line's name: {@code sum} or {@code mean}. */
  @Override
  public String cliName() {
    return this == MEAN ? "mean" : "sum";
  }

  /**
   * The reduction named {@code sum} or {@code mean} (any case).
   *
   * @throws IllegalArgumentException naming the choices for any other name
   */
  public static Reduction fromCliName(String name) {
    return CliName.find(List.of(values()), name)
        .orElseThrow(() -> new IllegalArgumentException("unknown reduction '" + name + "': use sum or mean"));
  }

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> elementwise) {
    return this == MEAN ? Losses.meanAll(tf, elementwise) : Losses.sumPerExample(tf, elementwise);
  }
}
