package org.genmodels.shared.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Batch normalization (Ioffe &amp; Szegedy, 2015) over the channels of NHWC images, as PyTorch's
 * {@code BatchNorm2d}: {@code y = gamma · (x − mean) / sqrt(var + eps) + beta} per channel, with
 * TF's fused kernel ({@code FusedBatchNormV3}). Shapes: x {@code [B, H, W, C]} → y the same.
 * <ul>
 *   <li>{@link Mode#TRAINING}: mean and variance of the batch (over B, H, W; the biased variance
 *       normalizes), and an op that moves the moving averages toward the batch's statistics,
 *       {@code moving ← (1 − momentum) · moving + momentum · batch}, with the unbiased batch
 *       variance as PyTorch does. The caller runs that op with every training step (a control
 *       dependency of the step).</li>
 *   <li>{@link Mode#INFERENCE}: the moving averages normalize; nothing is updated.</li>
 * </ul>
 * Variables: {@code name/gamma} (ones) and {@code name/beta} (zeros), trainable;
 * {@code name/moving_mean} (zeros) and {@code name/moving_variance} (ones), not trainable but
 * saved in checkpoints with every other variable. PyTorch's defaults: momentum 0.1, eps 1e-5.
 * Graph building only; not thread-safe.
 */
public final class BatchNorm {
  /** PyTorch's default momentum of the moving averages. */
  public static final float TORCH_MOMENTUM = 0.1f;
  /** PyTorch's default epsilon. */
  public static final float TORCH_EPSILON = 1e-5f;

  /** Which statistics normalize. */
  public enum Mode {
    /** The batch's own statistics, summed in float32 by TF's fused kernel; the moving averages are updated. */
    TRAINING,
    /**
     * As {@link #TRAINING}, the batch's mean and variance summed in float64, as PyTorch does on a
     * CPU: what matches PyTorch's numbers where an activation lies within float32's summation error
     * of a ReLU's kink. About 40 % slower a DDPM step than the fused kernel; the parity checks use
     * it.
     */
    TRAINING_FLOAT64_STATISTICS,
    /** The moving averages. */
    INFERENCE
  }

  private final String name;
  private final Operand<TFloat32> gamma;
  private final Operand<TFloat32> beta;
  private final Parameters.Param movingMean;
  private final Parameters.Param movingVariance;
  private final float momentum;
  private final float epsilon;
  private final long channels;

  private BatchNorm(String name, Operand<TFloat32> gamma, Operand<TFloat32> beta, Parameters.Param movingMean,
      Parameters.Param movingVariance, float momentum, float epsilon, long channels) {
    this.name = name;
    this.channels = channels;
    this.gamma = gamma;
    this.beta = beta;
    this.movingMean = movingMean;
    this.movingVariance = movingVariance;
    this.momentum = momentum;
    this.epsilon = epsilon;
  }

  /** A layer over {@code channels} channels with PyTorch's momentum and epsilon. */
  public static BatchNorm create(Ops tf, Parameters params, String name, long channels) {
    return create(tf, params, name, channels, TORCH_MOMENTUM, TORCH_EPSILON);
  }

  public static BatchNorm create(Ops tf, Parameters params, String name, long channels, float momentum,
      float epsilon) {
    if (!(momentum > 0 && momentum <= 1) || !(epsilon > 0)) {
      throw new IllegalArgumentException("batch norm needs momentum in (0, 1] and epsilon > 0, got "
          + momentum + ", " + epsilon);
    }
    Ops scope = tf.withSubScope(name);
    Shape shape = Shape.of(channels);
    Operand<TFloat32> gamma = params.trainable(scope, "gamma", shape, Initializer.constant(1f));
    Operand<TFloat32> beta = params.trainable(scope, "beta", shape, Initializer.zeros());
    Parameters.Param mean = params.add(scope, "moving_mean", shape, Initializer.zeros(), false);
    Parameters.Param variance = params.add(scope, "moving_variance", shape, Initializer.constant(1f), false);
    return new BatchNorm(name, gamma, beta, mean, variance, momentum, epsilon, channels);
  }

  /**
   * Normalizes {@code x} {@code [B, H, W, C]}. In training mode the update of the moving averages
   * is added to {@code updates}, which the caller must run with the training step.
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Mode mode, List<Op> updates) {
    Ops scope = tf.withSubScope(name);
    if (mode == Mode.INFERENCE) {
      return scope.nn.fusedBatchNorm(x, gamma, beta, movingMean.value(), movingVariance.value(),
          FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(false)).y();
    }
    if (mode == Mode.TRAINING_FLOAT64_STATISTICS) {
      return applyWithFloat64Statistics(scope, x, updates);
    }
    Operand<TFloat32> empty = scope.constant(new float[0]);
    FusedBatchNorm<TFloat32, TFloat32> bn = scope.nn.fusedBatchNorm(x, gamma, beta, empty, empty,
        FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(true));
    // batchVariance is the unbiased (n / (n − 1)) variance, what PyTorch's running_var averages
    updates.add(moveToward(scope, movingMean, bn.batchMean()));
    updates.add(moveToward(scope, movingVariance, bn.batchVariance()));
    return bn.y();
  }

  /**
   * Inference mode as a per-channel affine map, {@code y = scale · x + shift} with
   * {@code scale = gamma / sqrt(moving_variance + eps)} and {@code shift = beta − scale · moving_mean},
   * both {@code [C]}: for callers that fold it into the layers around it. The same map as
   * {@link #apply} in {@link Mode#INFERENCE}, up to float rounding.
   */
  public Affine inferenceAffine(Ops tf) {
    Ops scope = tf.withSubScope(name);
    Operand<TFloat32> scale = scope.math.mul(gamma,
        scope.math.rsqrt(scope.math.add(movingVariance.value(), scope.constant(epsilon))));
    Operand<TFloat32> shift = scope.math.sub(beta, scope.math.mul(scale, movingMean.value()));
    // static [C]: weights captured into a while loop (the in-graph sampler) have no static shape
    Operand<TInt64> shape = scope.constant(new long[] {channels});
    return new Affine(scope.reshape(scale, shape), scope.reshape(shift, shape));
  }

  /** A per-channel affine map {@code y = scale · x + shift}; both {@code [C]}. */
  public record Affine(Operand<TFloat32> scale, Operand<TFloat32> shift) {
  }

  /** Training mode with the statistics in float64, the normalization in float32, from plain ops. */
  private Operand<TFloat32> applyWithFloat64Statistics(Ops scope, Operand<TFloat32> x, List<Op> updates) {
    Operand<TInt32> axes = scope.constant(new int[] {0, 1, 2});
    Operand<TFloat64> wide = scope.dtypes.cast(x, TFloat64.class);
    Operand<TFloat64> wideMean = scope.math.mean(wide, axes);
    Operand<TFloat64> wideVariance = scope.math.mean(scope.math.square(scope.math.sub(wide, wideMean)), axes);
    Operand<TFloat32> mean = scope.dtypes.cast(wideMean, TFloat32.class);
    Operand<TFloat32> variance = scope.dtypes.cast(wideVariance, TFloat32.class);
    Operand<TFloat32> scale = scope.math.mul(gamma, scope.math.rsqrt(scope.math.add(variance, scope.constant(epsilon))));
    Operand<TFloat32> y = scope.math.add(scope.math.mul(scope.math.sub(x, mean), scale), beta);
    // the unbiased variance n / (n − 1) for the moving average, as the fused kernel gives it
    Operand<TFloat32> n = scope.math.div(scope.dtypes.cast(scope.size(x, TInt32.class), TFloat32.class),
        scope.constant((float) movingMean.shape().get(0)));
    updates.add(moveToward(scope, movingMean, mean));
    updates.add(moveToward(scope, movingVariance, scope.math.mul(variance,
        scope.math.div(n, scope.math.sub(n, scope.constant(1f))))));
    return y;
  }

  private Op moveToward(Ops tf, Parameters.Param moving, Operand<TFloat32> batch) {
    Operand<TFloat32> next = tf.math.add(tf.math.mul(moving.value(), tf.constant(1f - momentum)),
        tf.math.mul(tf.stopGradient(batch), tf.constant(momentum)));
    return tf.assign(moving.variable(), next);
  }

  public Operand<TFloat32> gamma() {
    return gamma;
  }

  public Operand<TFloat32> beta() {
    return beta;
  }

  /** The moving mean's read. */
  public Operand<TFloat32> movingMean() {
    return movingMean.value();
  }

  /** The moving variance's read. */
  public Operand<TFloat32> movingVariance() {
    return movingVariance.value();
  }
}
