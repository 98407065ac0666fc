package org.genmodels.shared.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The diagonal Gaussian latent of a VAE (Kingma &amp; Welling, 2014), as graph code: the
 * reparameterization trick, the KL divergence to N(0, I), and log densities for importance
 * sampling. {@code mean} and {@code logVar} are {@code [..., L]}, the latent last.
 */
public final class Gaussian {
  private static final float HALF_LOG_TWO_PI = (float) (0.5 * Math.log(2 * Math.PI));

  private Gaussian() {
  }

  /**
   * Seeded standard normal noise of the given shape (a new draw on every run; the same sequence in
   * every process for the same seed pair). The shape must not depend on trainable variables: TF
   * has no gradient for the sampling op, so derive it from an input placeholder.
   */
  public static Operand<TFloat32> standardNormal(Ops tf, Operand<TInt32> shape, Seeds seeds) {
    long[] pair = seeds.next();
    return tf.random.randomStandardNormal(shape, TFloat32.class,
        RandomStandardNormal.seed(pair[0]), RandomStandardNormal.seed2(pair[1]));
  }

  /**
   * Seeded standard normal noise of the given shape that depends only on the op's seed pair and
   * the training step: {@code StatelessRandomNormal} keyed by {@code [seed, counter·2³² + step]},
   * where step is the graph's {@link GlobalStep} (the steps taken before the current one). Unlike
   * {@link #standardNormal}, whose stream restarts when a new session resumes from a checkpoint,
   * the draw of step k is the same in an uninterrupted and in a resumed run. Every run at the same
   * step draws the same noise (all eval batches after a step, say); keys stay distinct while the
   * step is below 2³². As for {@link #standardNormal}, derive the shape from an input placeholder.
   */
  public static Operand<TFloat32> stepNormal(Ops tf, Operand<TInt32> shape, Seeds seeds) {
    return tf.random.statelessRandomNormal(shape, StepKey.next(tf, seeds), TFloat32.class);
  }

  /**
   * {@code count} draws of the prior N(0, I) in {@code dims} dimensions, {@code [count, ...dims]}:
   * a stateless normal keyed by {@code [seed, 0]} ({@code count} an int32 scalar, {@code seed} an
   * int64 scalar). The one prior sampler of the project: a VAE's own {@code sample} and every
   * export's {@code sample} signature draw through it, so the same seed gives the same latents in
   * Java, in Python and in TF Serving.
   */
  public static Operand<TFloat32> priorSample(Ops tf, Operand<TInt32> count, Operand<TInt64> seed, long... dims) {
    int[] rest = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      rest[i] = Math.toIntExact(dims[i]);
    }
    Operand<TInt32> shape = tf.concat(List.of(tf.reshape(count, tf.constant(new int[] {1})), tf.constant(rest)),
        tf.constant(0));
    Operand<TInt64> key = tf.stack(List.of(seed, tf.constant(0L)));
    return tf.random.statelessRandomNormal(shape, key, TFloat32.class);
  }

  /** The shape {@code [B, latent]}, B taken from the input {@code batchSource}. */
  public static Operand<TInt32> batchShape(Ops tf, Operand<?> batchSource, int latent) {
    return tf.concat(List.of(Losses.firstDimension(tf, batchSource), tf.constant(new int[] {latent})),
        tf.constant(0));
  }

  /** {@code z = mean + exp(0.5 · logVar) · eps}: the reparameterization trick. */
  public static Operand<TFloat32> reparameterize(Ops tf, Operand<TFloat32> mean,
      Operand<TFloat32> logVar, Operand<TFloat32> eps) {
    return tf.math.add(mean, tf.math.mul(tf.math.exp(tf.math.mul(logVar, tf.constant(0.5f))), eps));
  }

  /**
   * {@code KL(N(mean, e^logVar) ‖ N(0, 1))} per latent dimension:
   * {@code −0.5 · (1 + logVar − mean² − e^logVar)}, shape of {@code mean}.
   *
   * <p>Built so that backprop sums at most two contributions into any tensor: {@code Square}
   * rather than {@code mean·mean}, and {@code logVar}'s two uses behind one {@code Identity}.
   * TF's {@code AddN} kernel accumulates three or more gradients in an order that depends on which
   * input buffer it can reuse at run time, which makes seeded training non-reproducible; the sum
   * of two is the same in either order.
   */
  public static Operand<TFloat32> klToStandardNormal(Ops tf, Operand<TFloat32> mean, Operand<TFloat32> logVar) {
    Operand<TFloat32> lv = tf.identity(logVar);
    Operand<TFloat32> inner = tf.math.sub(tf.math.sub(tf.math.add(tf.constant(1f), lv),
        tf.math.square(mean)), tf.math.exp(lv));
    return tf.math.mul(tf.constant(-0.5f), inner);
  }

  /**
   * The KL term reduced: summed over the latent and averaged over the batch ({@code VAE.py}), or
   * the mean over latent and batch (seed 003, the Keras book).
   */
  public static Operand<TFloat32> kl(Ops tf, Operand<TFloat32> mean, Operand<TFloat32> logVar,
      Reduction reduction) {
    return reduction.apply(tf, klToStandardNormal(tf, mean, logVar));
  }

  /** {@code log N(z; mean, e^logVar)} summed over the last axis: {@code [..., L] → [...]}. */
  public static Operand<TFloat32> logDensity(Ops tf, Operand<TFloat32> z, Operand<TFloat32> mean,
      Operand<TFloat32> logVar) {
    Operand<TFloat32> diff = tf.math.sub(z, mean);
    Operand<TFloat32> scaled = tf.math.mul(tf.math.mul(diff, diff), tf.math.exp(tf.math.neg(logVar)));
    Operand<TFloat32> perDim = tf.math.neg(tf.math.add(tf.math.mul(tf.constant(0.5f),
        tf.math.add(scaled, logVar)), tf.constant(HALF_LOG_TWO_PI)));
    return tf.sum(perDim, tf.constant(-1));
  }

  /** {@code log N(z; 0, I)} summed over the last axis. */
  public static Operand<TFloat32> standardLogDensity(Ops tf, Operand<TFloat32> z) {
    Operand<TFloat32> perDim = tf.math.neg(tf.math.add(tf.math.mul(tf.constant(0.5f), tf.math.mul(z, z)),
        tf.constant(HALF_LOG_TWO_PI)));
    return tf.sum(perDim, tf.constant(-1));
  }
}
