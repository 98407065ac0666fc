package org.genmodels.diffusion;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Seed 004's {@code SinusoidalPositionEmbeddings} (the Transformer's position encoding, Vaswani
 * et al. 2017, as DDPM embeds timesteps): with {@code half = dim / 2} and
 * {@code f_k = exp(−k · ln 10000 / (half − 1))}, {@code emb(t) = [sin(t·f), cos(t·f)]}.
 * Shapes: t {@code int32 [B]} → {@code [B, dim]}. Graph code only; no variables.
 */
final class SinusoidalEmbedding {
  private SinusoidalEmbedding() {
  }

  /** The frequencies {@code f_0 … f_{half−1}}, computed in double. */
  static float[] frequencies(int dim) {
    int half = dim / 2;
    float[] f = new float[half];
    double step = Math.log(10000) / (half - 1);
    for (int k = 0; k < half; k++) {
      f[k] = (float) Math.exp(-k * step);
    }
    return f;
  }

  static Operand<TFloat32> apply(Ops tf, Operand<TInt32> t, int dim) {
    Ops scope = tf.withSubScope("time_embedding");
    Operand<TFloat32> time = scope.reshape(scope.dtypes.cast(t, TFloat32.class), scope.constant(new int[] {-1, 1}));
    Operand<TFloat32> f = scope.reshape(scope.constant(frequencies(dim)), scope.constant(new int[] {1, -1}));
    Operand<TFloat32> angles = scope.math.mul(time, f);
    return scope.concat(List.of(scope.math.sin(angles), scope.math.cos(angles)), scope.constant(-1));
  }
}
