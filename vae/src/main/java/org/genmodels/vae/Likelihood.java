package org.genmodels.vae;

import java.util.List;
import org.genmodels.shared.cli.CliName;
import org.genmodels.shared.nn.Losses;
import org.genmodels.shared.nn.Reduction;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The decoder's distribution over pixels, which fixes its output activation and its
 * reconstruction loss.
 */
public enum Likelihood implements CliName {
  /**
   * Bernoulli: the decoder emits logits, images are {@code sigmoid(logits)}, the loss is the BCE
   * from logits ({@code VAE.py}, seed 004). On gray levels (MNIST is not binarized here) this is a
   * cross-entropy rather than the likelihood of a discrete distribution.
   */
  BERNOULLI,
  /**
   * Gaussian with unit variance: the decoder's output is the image itself (linear), the loss
   * {@code 0.5 · (x̂ − x)²} (seed 003).
   */
  GAUSSIAN;

  private static final float HALF_LOG_TWO_PI = (float) (0.5 * Math.log(2 * Math.PI));

  /** The command line's name: {@code bce} or {@code mse}, after the loss each gives. */
  @Override
  public String cliName() {
    return this == BERNOULLI ? "bce" : "mse";
  }

  /**
   * The likelihood named {@code bce} or {@code mse} (any case).
   *
   * @throws IllegalArgumentException naming the choices for any other name
   */
  public static Likelihood fromCliName(String name) {
    return CliName.find(List.of(values()), name).orElseThrow(
        () -> new IllegalArgumentException("unknown reconstruction loss '" + name + "': use bce or mse"));
  }

  /** The image the decoder's raw output stands for. */
  public Operand<TFloat32> mean(Ops tf, Operand<TFloat32> output) {
    return this == BERNOULLI ? tf.math.sigmoid(output) : tf.identity(output);
  }

  /** The reconstruction loss the seeds minimise, reduced as {@code reduction} says. */
  public Operand<TFloat32> loss(Ops tf, Operand<TFloat32> x, Operand<TFloat32> output, Reduction reduction) {
    return this == BERNOULLI ? Losses.bce(tf, x, output, reduction)
        : Losses.halfSquaredError(tf, x, output, reduction);
  }

  /**
   * {@code −log p(x | z)} per pixel, in nats: the BCE, or {@code 0.5·(x̂ − x)² + 0.5·log 2π}.
   * {@code x} broadcasts against {@code output}.
   */
  public Operand<TFloat32> negativeLogLikelihood(Ops tf, Operand<TFloat32> x, Operand<TFloat32> output) {
    if (this == BERNOULLI) {
      return Losses.bceWithLogits(tf, x, output);
    }
    Operand<TFloat32> diff = tf.math.sub(output, x);
    return tf.math.add(tf.math.mul(tf.constant(0.5f), tf.math.mul(diff, diff)), tf.constant(HALF_LOG_TWO_PI));
  }
}
