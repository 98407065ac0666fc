package org.genmodels.shared.nn;

import java.util.List;
import org.genmodels.shared.tf.GlobalStep;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;

/**
 * The key of a stateless random op that draws anew at every training step:
 * {@code [seed, counter·2³² + global_step]}, the op's own pair from {@link Seeds} and the graph's
 * step counter. Step k draws the same numbers whether or not the run was resumed in between.
 * Any stateless random op takes it ({@code statelessRandomNormal}, {@code statelessRandomUniformInt}, ...);
 * {@link Gaussian#stepNormal} is the common case. Graph building only; not thread-safe (as {@link Seeds}).
 */
public final class StepKey {
  private StepKey() {
  }

  /** A fresh key operand, {@code int64 [2]}, for one random op. */
  public static Operand<TInt64> next(Ops tf, Seeds seeds) {
    long[] pair = seeds.next();
    return tf.stack(List.of(tf.constant(pair[0]), tf.math.add(tf.constant(pair[1] << 32), GlobalStep.read(tf))));
  }
}
