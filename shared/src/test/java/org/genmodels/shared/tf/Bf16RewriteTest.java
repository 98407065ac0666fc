package org.genmodels.shared.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RewriterConfig;
import org.tensorflow.types.TFloat32;

class Bf16RewriteTest {
  private static final int N = 8;
  private static final int K = 256;
  private static final int M = 16;

  @Test
  void configTurnsOnOnlyTheRewrite() {
    ConfigProto c = Bf16Rewrite.config();
    assertEquals(RewriterConfig.Toggle.ON,
        c.getGraphOptions().getRewriteOptions().getAutoMixedPrecisionOnednnBfloat16());
    assertEquals(ConfigProto.newBuilder().setGraphOptions(c.getGraphOptions()).build(), c);
    assertEquals(RewriterConfig.newBuilder().setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON).build(),
        c.getGraphOptions().getRewriteOptions());
  }

  /**
   * relu(x·w) with the rewrite is the product of x and w rounded to bfloat16 (within the bfloat16
   * rounding of the product itself), and not float32's; without it, float32's. Both references are
   * computed here in double.
   */
  @Test
  void aSessionWithTheRewriteMultipliesInBfloat16() {
    assumeTrue(Engine.oneDnnOn(), "TensorFlow skips the rewrite without oneDNN (TF_ENABLE_ONEDNN_OPTS=0)");
    Random r = new Random(5);
    float[] x = new float[N * K];
    float[] w = new float[K * M];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) r.nextGaussian();
    }
    double[] exact = reluProduct(x, w, false);
    double[] rounded = reluProduct(x, w, true);
    double scale = 0;
    for (double v : exact) {
      scale = Math.max(scale, Math.abs(v));
    }

    float[] plain = run(x, w, false);
    float[] rewritten = run(x, w, true);
    assertTrue(maxDiff(plain, exact) <= 1e-5 * scale, "float32 session: " + maxDiff(plain, exact));
    // bfloat16 keeps 8 significant bits: the product's own rounding is at most 2^-8 of it
    assertTrue(maxDiff(rewritten, rounded) <= 0.01 * scale, "rewrite vs bf16 inputs: " + maxDiff(rewritten, rounded));
    assertFalse(maxDiff(rewritten, exact) <= 1e-4 * scale, "the rewrite left the product float32: "
        + maxDiff(rewritten, exact));
  }

  private static float[] run(float[] x, float[] w, boolean rewrite) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> xs = tf.placeholder(TFloat32.class);
      Operand<TFloat32> ws = tf.placeholder(TFloat32.class);
      Operand<TFloat32> y = tf.identity(tf.nn.relu(tf.linalg.matMul(xs, ws)));
      try (Session s = Bf16Rewrite.session(g, rewrite);
          TFloat32 xt = TFloat32.tensorOf(Shape.of(N, K), DataBuffers.of(x));
          TFloat32 wt = TFloat32.tensorOf(Shape.of(K, M), DataBuffers.of(w));
          var result = s.runner().feed(xs, xt).feed(ws, wt).fetch(y).run()) {
        Tensor t = result.get(0);
        float[] out = new float[N * M];
        ((TFloat32) t).asRawTensor().data().asFloats().read(out);
        return out;
      }
    }
  }

  private static double[] reluProduct(float[] x, float[] w, boolean bf16) {
    double[] out = new double[N * M];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < M; j++) {
        double sum = 0;
        for (int k = 0; k < K; k++) {
          sum += (double) round(x[i * K + k], bf16) * round(w[k * M + j], bf16);
        }
        out[i * M + j] = Math.max(0, sum);
      }
    }
    return out;
  }

  /** {@code v} rounded to the nearest bfloat16 (ties to even) when {@code bf16}, else itself. */
  private static float round(float v, boolean bf16) {
    if (!bf16) {
      return v;
    }
    int bits = Float.floatToRawIntBits(v);
    bits += 0x7FFF + ((bits >>> 16) & 1);
    return Float.intBitsToFloat(bits & 0xFFFF0000);
  }

  private static double maxDiff(float[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
