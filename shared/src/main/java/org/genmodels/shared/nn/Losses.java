package org.genmodels.shared.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Losses as graph code. Shapes are {@code [B, ...]} with the batch first; the reductions are the
 * seeds' (see {@link Reduction}).
 */
public final class Losses {
  private Losses() {
  }

  /**
   * Elementwise binary cross-entropy of {@code labels} (in [0, 1]) against the Bernoulli
   * {@code logits}, {@code softplus(x) − x·z}, which equals TF's
   * {@code sigmoid_cross_entropy_with_logits} {@code max(x,0) − x·z + log(1 + e^−|x|)}. Softplus is
   * one fused, overflow-free kernel whose gradient is {@code sigmoid(x) − z}: three ops instead of
   * seven, forward and backward.
   *
   * <p>Not tensorflow-framework's {@code FrameworkOps.nn.sigmoidCrossEntropyWithLogits}, TF's
   * seven-op form: it agrees to a few ulp but not bit for bit (about 30 % of the losses and 40 % of
   * the gradients differ in their last bits), so every seeded run would move; and it feeds the
   * logits to four differentiable ops, whose gradients {@link org.genmodels.shared.train.Adam}
   * refuses to sum as not reproducible. See {@code FrameworkLossComparisonTest}.
   */
  public static Operand<TFloat32> bceWithLogits(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> logits) {
    return tf.math.sub(tf.math.softplus(logits), tf.math.mul(logits, labels));
  }

  /** {@link #bceWithLogits} reduced. */
  public static Operand<TFloat32> bce(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> logits,
      Reduction reduction) {
    return reduction.apply(tf, bceWithLogits(tf, labels, logits));
  }

  /**
   * Mean over every element: Keras' {@code reduce_mean(binary_crossentropy(x, logits,
   * from_logits=True))}, the AE's loss (mean over pixels, then over the batch).
   */
  public static Operand<TFloat32> bceMean(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> logits) {
    return bce(tf, labels, logits, Reduction.MEAN);
  }

  /**
   * Summed over everything but the batch, averaged over the batch: {@code reduce_sum(bce) / B},
   * the VAE's reconstruction term (nats per image).
   */
  public static Operand<TFloat32> bceSumPerExample(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> logits) {
    return bce(tf, labels, logits, Reduction.SUM_PER_EXAMPLE);
  }

  /** {@code 0.5 · (output − target)²} reduced: seed 003's {@code 0.5 * reduce_mean(pow(recon − x, 2))}. */
  public static Operand<TFloat32> halfSquaredError(Ops tf, Operand<TFloat32> target,
      Operand<TFloat32> output, Reduction reduction) {
    Operand<TFloat32> diff = tf.math.sub(output, target);
    return reduction.apply(tf, tf.math.mul(tf.constant(0.5f), tf.math.mul(diff, diff)));
  }

  /** The mean of every element. */
  public static Operand<TFloat32> meanAll(Ops tf, Operand<TFloat32> x) {
    return tf.math.mean(tf.reshape(x, tf.constant(new int[] {-1})), tf.constant(0));
  }

  /** {@code sum(x) / B}, B being the size of the first dimension. */
  public static Operand<TFloat32> sumPerExample(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> sum = tf.sum(tf.reshape(x, tf.constant(new int[] {-1})), tf.constant(0));
    return tf.math.div(sum, batchSize(tf, x));
  }

  /** The size of the first dimension of {@code x}, as a float scalar. */
  public static Operand<TFloat32> batchSize(Ops tf, Operand<?> x) {
    return tf.dtypes.cast(tf.squeeze(firstDimension(tf, x)), TFloat32.class);
  }

  /** The size of the first dimension of {@code x}, as an int32 vector of length 1 (for shapes). */
  public static Operand<TInt32> firstDimension(Ops tf, Operand<?> x) {
    return tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
  }
}
