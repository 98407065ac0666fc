package org.genmodels.shared.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The importance-weighted bound on {@code log p(x)} (Burda, Grosse &amp; Salakhutdinov, 2016):
 * with k samples {@code z_i ~ q(z|x)} and weights {@code w_i = p(x|z_i) p(z_i) / q(z_i|x)},
 * {@code L_k = log (1/k) Σ w_i}. {@code L_1} is the ELBO in expectation; {@code L_k} rises towards
 * {@code log p(x)} as k grows, and equals it for every k when q is the exact posterior.
 */
public final class ImportanceWeighting {
  private ImportanceWeighting() {
  }

  /**
   * {@code L_k} from the log weights {@code [k, B]}: {@code logsumexp} over the samples minus
   * {@code log k}, computed stably around the largest weight. Returns {@code [B]}.
   */
  public static Operand<TFloat32> bound(Ops tf, Operand<TFloat32> logWeights) {
    Operand<TInt32> samples = tf.constant(0);
    Operand<TFloat32> max = tf.max(logWeights, samples, Max.keepDims(true));
    Operand<TFloat32> sumExp = tf.sum(tf.math.exp(tf.math.sub(logWeights, max)), samples);
    Operand<TFloat32> k = tf.dtypes.cast(tf.slice(tf.shape(logWeights), tf.constant(new int[] {0}),
        tf.constant(new int[] {1})), TFloat32.class);
    Operand<TFloat32> maxPerExample = tf.squeeze(max, Squeeze.axis(List.of(0L)));
    return tf.math.sub(tf.math.add(maxPerExample, tf.math.log(sumExp)), tf.math.log(tf.squeeze(k)));
  }
}
