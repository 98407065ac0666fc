package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;
import org.genmodels.shared.tf.Bf16Rewrite;
import org.genmodels.shared.tf.Engine;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * {@link OneChannelConv}: the conv's values and gradients, and under the bf16 rewrite an input
 * gradient close to float32's (on an AMD Zen 5 the plain conv's was NaN).
 */
class OneChannelConvTest {
  private record Case(long batch, long side, long in, long k, long out, long stride, String padding) {
    long outSide() {
      return padding.equals("SAME") ? (side + stride - 1) / stride : (side - k) / stride + 1;
    }
  }

  /** Normal values drawn from {@code seed}. The caller closes the tensor. */
  private static TFloat32 normal(long seed, long... shape) {
    Random random = new Random(seed);
    float[] v = new float[(int) Shape.of(shape).size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(v));
  }

  /**
   * {y, ∂L/∂x, ∂L/∂kernel} for L = Σ r·y, r fixed at random; by OneChannelConv or tf.nn.conv2d.
   * x, kernel and r are fed, not constants, or grappler would fold the conv before the rewrite.
   */
  private static float[][] run(Case c, boolean oneChannel, boolean bf16) {
    try (Graph g = new Graph();
         TFloat32 xv = normal(1, c.batch, c.side, c.side, c.in);
         TFloat32 kv = normal(2, c.k, c.k, c.in, c.out);
         TFloat32 rv = normal(3, c.batch, c.outSide(), c.outSide(), c.out)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(xv.shape()));
      Placeholder<TFloat32> kernel = tf.placeholder(TFloat32.class, Placeholder.shape(kv.shape()));
      Placeholder<TFloat32> r = tf.placeholder(TFloat32.class, Placeholder.shape(rv.shape()));
      List<Long> strides = List.of(1L, c.stride, c.stride, 1L);
      Operand<TFloat32> y = oneChannel ? OneChannelConv.conv2d(tf, x, kernel, strides, c.padding, Precision.BF16)
          : tf.nn.conv2d(x, kernel, strides, c.padding);
      Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(y, r), tf.constant(new int[] {0, 1, 2, 3}));
      var grads = tf.gradients(loss, List.of(x, kernel));
      try (Session s = Bf16Rewrite.session(g, bf16);
           Result out = s.runner().feed(x, xv).feed(kernel, kv).feed(r, rv)
               .fetch(y).fetch(grads.dy(0)).fetch(grads.dy(1)).run()) {
        return new float[][] {Tensors.toArray(out.get(0)), Tensors.toArray(out.get(1)), Tensors.toArray(out.get(2))};
      }
    }
  }

  /** ‖a − b‖ / ‖b‖; infinite when a has a NaN. */
  private static double relative(float[] a, float[] b) {
    assertEquals(b.length, a.length);
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      diff += (a[i] - b[i]) * (double) (a[i] - b[i]);
      norm += b[i] * (double) b[i];
    }
    return Double.isNaN(diff) ? Double.POSITIVE_INFINITY : Math.sqrt(diff / norm);
  }

  @Test
  void givesTheConvsValuesAndGradients() {
    for (Case c : List.of(new Case(2, 7, 3, 3, 1, 1, "SAME"), new Case(3, 9, 5, 4, 1, 2, "VALID"),
        new Case(2, 6, 4, 3, 3, 1, "SAME"))) {
      float[][] plain = run(c, false, false);
      float[][] ours = run(c, true, false);
      for (int i = 0; i < 3; i++) {
        assertTrue(relative(ours[i], plain[i]) < 1e-6, c + " output " + i + ": " + relative(ours[i], plain[i]));
      }
    }
  }

  @Test
  void underTheBf16RewriteItsInputGradientTracksFloat32() {
    assumeTrue(Engine.oneDnnOn(), "TensorFlow skips the rewrite without oneDNN (TF_ENABLE_ONEDNN_OPTS=0)");
    assumeTrue(CpuFeatures.current().hasBf16(), "this CPU has no bf16 instructions");
    // the CVAE's output conv: 32 channels at 28 × 28 to one, batch 64
    Case c = new Case(64, 28, 32, 3, 1, 1, "SAME");
    float[][] fp32 = run(c, false, false);
    float[][] bf16 = run(c, true, true);
    // bfloat16 keeps 8 significant bits: a sum of 288 rounded products stays within ~1 %
    for (int i = 0; i < 3; i++) {
      assertTrue(relative(bf16[i], fp32[i]) < 0.02, "output " + i + ": " + relative(bf16[i], fp32[i]));
    }
    assertTrue(relative(bf16[1], fp32[1]) > 0, "the rewrite left the input gradient in float32");
  }
}
