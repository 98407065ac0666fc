package org.genmodels.shared.nn;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;

/**
 * A fully connected layer, {@code y = activation(x · kernel + bias)}, as Keras' {@code Dense}:
 * kernel {@code [in, out]} with {@code glorot_uniform}, bias {@code [out]} with zeros.
 * Shapes: x {@code [B, in]} → y {@code [B, out]}. A layer can be applied to several inputs; all
 * applications share the weights (the AE's decoder runs on the encoder's code and on a fed code).
 *
 * <p>A layer multiplies in float32 ({@link Precision#FP32}) unless viewed {@link #with} another
 * {@link Precision}: in {@link Precision#BF16} x and the kernel's read are cast to bfloat16 for
 * the MatMul and its product cast back to float32 before the bias, so the variables, the bias
 * add, the activation and every gradient into the variables stay float32. The cast back comes
 * before {@code BiasAdd} so that TF's remapper cannot fuse them into a bfloat16
 * {@code _FusedMatMul}, which has no CPU kernel without AVX-512. Immutable; building ops is not
 * thread-safe (one graph, one thread).
 */
public final class Dense {
  private final String name;
  private final Operand<TFloat32> kernel;
  private final Operand<TFloat32> bias;
  private final Activation activation;
  private final Precision precision;

  private Dense(String name, Operand<TFloat32> kernel, Operand<TFloat32> bias, Activation activation,
      Precision precision) {
    this.name = name;
    this.kernel = kernel;
    this.bias = bias;
    this.activation = activation;
    this.precision = precision;
  }

  /** A layer with Keras' default initializers. */
  public static Dense create(Ops tf, Parameters params, String name, long in, long out,
      Activation activation) {
    return create(tf, params, name, in, out, activation, Initializer.glorotUniform(), Initializer.zeros());
  }

  /** A layer initialised as {@code init} prescribes. */
  public static Dense create(Ops tf, Parameters params, String name, long in, long out,
      Activation activation, WeightInit init) {
    return create(tf, params, name, in, out, activation, init.kernel(in), init.bias(in));
  }

  /** A layer with the given initializers. Variables: {@code name/kernel}, {@code name/bias}. */
  public static Dense create(Ops tf, Parameters params, String name, long in, long out,
      Activation activation, Initializer kernelInit, Initializer biasInit) {
    Ops scope = tf.withSubScope(name);
    Operand<TFloat32> kernel = params.trainable(scope, "kernel", Shape.of(in, out), kernelInit);
    Operand<TFloat32> bias = params.trainable(scope, "bias", Shape.of(out), biasInit);
    return new Dense(name, kernel, bias, activation, Precision.FP32);
  }

  /** This layer, its variables shared, multiplying in {@code p}. */
  public Dense with(Precision p) {
    return Objects.requireNonNull(p, "precision") == precision ? this
        : new Dense(name, kernel, bias, activation, p);
  }

  public Precision precision() {
    return precision;
  }

  /** {@code activation(x · kernel + bias)}: x {@code [B, in]} → {@code [B, out]}, float32 in and out. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Ops scope = tf.withSubScope(name);
    return activation.apply(scope, scope.nn.biasAdd(product(scope, x), bias));
  }

  private Operand<TFloat32> product(Ops scope, Operand<TFloat32> x) {
    if (precision == Precision.FP32) {
      return scope.linalg.matMul(x, kernel);
    }
    Operand<TBfloat16> product = scope.linalg.matMul(scope.dtypes.cast(x, TBfloat16.class),
        scope.dtypes.cast(kernel, TBfloat16.class));
    return scope.dtypes.cast(product, TFloat32.class);
  }

  public Operand<TFloat32> kernel() {
    return kernel;
  }

  public Operand<TFloat32> bias() {
    return bias;
  }
}
