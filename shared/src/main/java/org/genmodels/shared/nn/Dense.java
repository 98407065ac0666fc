package org.genmodels.shared.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A fully connected layer, {@code y = activation(x · kernel + bias)}, as Keras' {@code Dense}:
 * kernel {@code [in, out]} with {@code glorot_uniform}, bias {@code [out]} with zeros.
 * Shapes: x {@code [B, in]} → y {@code [B, out]}. A layer can be applied to several inputs; all
 * applications share the weights (the AE's decoder runs on the encoder's code and on a fed code).
 */
public final class Dense {
  private final String name;
  private final Operand<TFloat32> kernel;
  private final Operand<TFloat32> bias;
  private final Activation activation;

  private Dense(String name, Operand<TFloat32> kernel, Operand<TFloat32> bias, Activation activation) {
    this.name = name;
    this.kernel = kernel;
    this.bias = bias;
    this.activation = activation;
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
    return new Dense(name, kernel, bias, activation);
  }

  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Ops scope = tf.withSubScope(name);
    return activation.apply(scope, scope.nn.biasAdd(scope.linalg.matMul(x, kernel), bias));
  }

  public Operand<TFloat32> kernel() {
    return kernel;
  }

  public Operand<TFloat32> bias() {
    return bias;
  }
}
