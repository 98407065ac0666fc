package org.genmodels.shared.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Builds the initial value of a variable. The random ones are stateless ops keyed by a seed pair
 * from {@link Seeds}, so the same seed gives the same weights in every process. The fan
 * computation follows Keras: a kernel of shape {@code (..., in, out)} has
 * {@code fanIn = in × receptive field} and {@code fanOut = out × receptive field}.
 *
 * <p>Not tensorflow-framework's initializers: each seeds its op with the pair {@code {seed, 0}},
 * which {@link Seeds} never hands out, so no seed would draw today's weights; its
 * {@code VarianceScaling} {@code UNIFORM} draws from {@code [0, limit)}, not {@code (−limit, limit)};
 * and its fans of a conv kernel count the input channels twice. See
 * {@code FrameworkInitializerComparisonTest}.
 */
@FunctionalInterface
public interface Initializer {
  Operand<TFloat32> create(Ops tf, Shape shape, Seeds seeds);

  /** Keras' default {@code glorot_uniform}: U(-limit, limit), limit = sqrt(6 / (fanIn + fanOut)). */
  static Initializer glorotUniform() {
    return (tf, shape, seeds) -> {
      double[] fans = fans(shape);
      float limit = (float) Math.sqrt(6.0 / (fans[0] + fans[1]));
      return uniform(tf, shape, seeds, -limit, limit);
    };
  }

  /** Keras' {@code zeros} (bias default). */
  static Initializer zeros() {
    return (tf, shape, seeds) -> tf.zeros(tf.constant(shape), TFloat32.class);
  }

  /** A constant value. */
  static Initializer constant(float value) {
    return (tf, shape, seeds) -> tf.fill(tf.constant(shape), tf.constant(value));
  }

  /** TF1's {@code truncated_normal(stddev)}: normal values re-drawn beyond two deviations. */
  static Initializer truncatedNormal(float stddev) {
    return (tf, shape, seeds) -> tf.math.mul(
        tf.random.statelessTruncatedNormal(tf.constant(shape), tf.constant(seeds.next()), TFloat32.class),
        tf.constant(stddev));
  }

  /** Normal values N(0, stddev²), not truncated (Paddle's {@code Normal}). */
  static Initializer normal(float stddev) {
    return (tf, shape, seeds) -> tf.math.mul(
        tf.random.statelessRandomNormal(tf.constant(shape), tf.constant(seeds.next()), TFloat32.class),
        tf.constant(stddev));
  }

  /** PyTorch's default for Linear and Conv weights and biases: U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
  static Initializer torchDefault(long fanIn) {
    return (tf, shape, seeds) -> {
      float bound = (float) (1.0 / Math.sqrt(fanIn));
      return uniform(tf, shape, seeds, -bound, bound);
    };
  }

  /** Uniform values in {@code [low, high)}. */
  static Operand<TFloat32> uniform(Ops tf, Shape shape, Seeds seeds, float low, float high) {
    Operand<TFloat32> u = tf.random.statelessRandomUniform(tf.constant(shape),
        tf.constant(seeds.next()), TFloat32.class);
    return tf.math.add(tf.math.mul(u, tf.constant(high - low)), tf.constant(low));
  }

  /** {@code {fanIn, fanOut}} of a kernel shape, as Keras computes them. */
  static double[] fans(Shape shape) {
    int rank = shape.numDimensions();
    if (rank < 1) {
      return new double[] {1, 1};
    }
    if (rank == 1) {
      return new double[] {shape.get(0), shape.get(0)};
    }
    double receptive = 1;
    for (int i = 0; i < rank - 2; i++) {
      receptive *= shape.get(i);
    }
    return new double[] {shape.get(rank - 2) * receptive, shape.get(rank - 1) * receptive};
  }
}
