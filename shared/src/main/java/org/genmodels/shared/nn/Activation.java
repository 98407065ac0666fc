package org.genmodels.shared.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;

/** An elementwise activation, applied by layers after their affine part. */
@FunctionalInterface
public interface Activation {
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x);

  /** No activation (Keras' {@code None}/{@code linear}): logits, codes, means. */
  Activation LINEAR = (tf, x) -> x;
  Activation RELU = (tf, x) -> tf.nn.relu(x);
  Activation SIGMOID = (tf, x) -> tf.math.sigmoid(x);
  Activation TANH = (tf, x) -> tf.math.tanh(x);

  /** {@code max(x, alpha·x)}; Paddle's and PyTorch's default slope is 0.01, Keras' 0.3. */
  static Activation leakyRelu(float alpha) {
    return (tf, x) -> tf.nn.leakyRelu(x, LeakyRelu.alpha(alpha));
  }
}
