package org.genmodels.shared.train;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A learning rate that steps down at given steps, as Keras'
 * {@code optimizers.schedules.PiecewiseConstantDecay}: with {@code s} the steps taken before the
 * current one (Keras' {@code optimizer.iterations}, this project's {@code GlobalStep}), the rate is
 * {@code values[0]} while {@code s ≤ boundaries[0]}, {@code values[i]} while
 * {@code boundaries[i−1] < s ≤ boundaries[i]}, and the last value after the last boundary.
 *
 * <p>The values are used as given (no arithmetic on them), so a rate written {@code 1e-4f} is
 * exactly that float. Immutable, the arrays copied in and out; {@link #rate} builds graph ops, so it
 * follows the graph's single-threaded building.
 *
 * @param boundaries step counts, strictly increasing, none negative
 * @param values     positive finite rates, one more than the boundaries
 */
public record PiecewiseConstantDecay(long[] boundaries, float[] values) {
  public PiecewiseConstantDecay {
    boundaries = boundaries.clone();
    values = values.clone();
    if (values.length != boundaries.length + 1) {
      throw new IllegalArgumentException("a piecewise constant rate needs one value more than boundaries, got "
          + values.length + " values for " + boundaries.length + " boundaries");
    }
    for (int i = 0; i < boundaries.length; i++) {
      if (boundaries[i] < 0 || (i > 0 && boundaries[i] <= boundaries[i - 1])) {
        throw new IllegalArgumentException("boundaries must be non-negative and strictly increasing, got "
            + Arrays.toString(boundaries));
      }
    }
    for (float v : values) {
      if (!(v > 0) || !Float.isFinite(v)) {
        throw new IllegalArgumentException("learning rates must be positive numbers, got " + Arrays.toString(values));
      }
    }
  }

  /** One rate for every step. */
  public static PiecewiseConstantDecay constant(float rate) {
    return new PiecewiseConstantDecay(new long[0], new float[] {rate});
  }

  /** The rate of the first steps. */
  public float initialRate() {
    return values[0];
  }

  @Override
  public long[] boundaries() {
    return boundaries.clone();
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  /**
   * The rate as a scalar operand, given {@code step}, the int64 scalar of steps taken (a variable
   * is read through {@code Identity}). A constant that reads nothing when there are no boundaries.
   */
  public Operand<TFloat32> rate(Ops tf, Operand<TInt64> step) {
    Operand<TFloat32> rate = tf.constant(values[values.length - 1]);
    if (boundaries.length == 0) {
      return rate;
    }
    Operand<TInt64> taken = tf.identity(step);
    for (int i = boundaries.length - 1; i >= 0; i--) {
      rate = tf.select(tf.math.lessEqual(taken, tf.constant(boundaries[i])), tf.constant(values[i]), rate);
    }
    return rate;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PiecewiseConstantDecay p && Arrays.equals(boundaries, p.boundaries)
        && Arrays.equals(values, p.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(boundaries) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "PiecewiseConstantDecay[boundaries=" + Arrays.toString(boundaries) + ", values=" + Arrays.toString(values)
        + "]";
  }
}
