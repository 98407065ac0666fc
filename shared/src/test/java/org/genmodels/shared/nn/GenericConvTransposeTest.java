package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.genmodels.shared.testing.Fetch;
import org.genmodels.shared.testing.GradientCheck;
import org.genmodels.shared.testing.NewOps;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv3dBackpropInput;
import org.tensorflow.types.TFloat32;

/**
 * {@code GenericConvTranspose}: the 2-d transposed conv built as a 3-d one of depth 1 has the 2-d
 * op's values and gradients; and the gradient it registers for TensorFlow's 3-d transposed conv,
 * process-wide, is right for any 3-d one too (depth above 1, strided along it), by central finite
 * differences. {@link ConvGradientTest} holds the layer's gradients to finite differences in
 * every padding case.
 */
class GenericConvTransposeTest {
  /**
   * A {@link Conv2DTranspose} with {@link ConvOp#GENERIC} against the same layer on
   * {@code Conv2DBackpropInput}: one {@code Conv3DBackpropInputV2} in place of that op, the same
   * values (the same kernel), and gradients w.r.t. the input and the kernel within float rounding
   * of TensorFlow's own, the input's built on the generic conv. Built for bf16 it keeps the 2-d op.
   */
  @Test
  void theTwoDLayerOnTheThreeDOpHasTheTwoDOpsValuesAndGradients() {
    Random random = new Random(3);
    int n = 2;
    int h = 5;
    int w = 4;
    int in = 3;
    int out = 4;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Conv2DTranspose plain = Conv2DTranspose.create(tf, p, "up", in, out, 4, 2, Padding.explicit(1),
          Activation.leakyRelu(0.2f), WeightInit.TORCH);
      Conv2DTranspose generic = plain.with(ConvOp.GENERIC);
      Operand<TFloat32> x = tf.constant(Shape.of(n, h, w, in), DataBuffers.of(ConvReference.random(random, n * h * w * in)));
      Operand<TFloat32> y = plain.apply(tf, x);
      NewOps built = NewOps.since(g);
      Operand<TFloat32> y3 = generic.apply(tf, x);
      Map<String, Integer> counts = built.counts();
      assertEquals(1, counts.getOrDefault("Conv3DBackpropInputV2", 0), "the 3-d transposed conv");
      assertEquals(0, counts.getOrDefault("Conv2DBackpropInput", 0), "no 2-d one");
      assertEquals(Shape.of(n, 10, 8, out), y3.shape(), "static shape");

      Operand<TFloat32> r = tf.constant(Shape.of(n, 10, 8, out), DataBuffers.of(ConvReference.random(random,
          n * 10 * 8 * out)));
      var viaPlain = tf.gradients(tf.sum(tf.math.mul(y, r), tf.constant(new int[] {0, 1, 2, 3})),
          List.of(x, plain.kernel()));
      NewOps gradientOps = NewOps.since(g);
      var viaGeneric = tf.gradients(tf.sum(tf.math.mul(y3, r), tf.constant(new int[] {0, 1, 2, 3})),
          List.of(x, plain.kernel()));
      assertEquals(1, gradientOps.counts().getOrDefault("Conv", 0), "the input's gradient on the generic conv");
      assertEquals(0, gradientOps.counts().getOrDefault("Conv2D", 0), "not on Conv2D");

      NewOps bf16 = NewOps.since(g);
      generic.with(Precision.BF16).apply(tf, x);
      assertEquals(1, bf16.counts().getOrDefault("Conv2DBackpropInput", 0), "built for bf16: the 2-d op");
      assertEquals(0, bf16.counts().getOrDefault("Conv3DBackpropInputV2", 0), "built for bf16: no 3-d op");

      ConvReference.set(s, tf, p, List.of(ConvReference.random(random, 16 * in * out), ConvReference.random(random, out)));
      assertArrayEquals(Fetch.floats(s, y), Fetch.floats(s, y3), 1e-6f, "values");
      for (int i = 0; i < 2; i++) {
        float[] expected = Fetch.floats(s, viaPlain.dy(i));
        assertArrayEquals(expected, Fetch.floats(s, viaGeneric.dy(i)), 1e-5f, i == 0 ? "d x" : "d kernel");
        float largest = 0;
        for (float v : expected) {
          largest = Math.max(largest, Math.abs(v));
        }
        assertTrue(largest > 0.1f, "a gradient that is not ~0: " + largest);
      }
    }
  }

  /**
   * A real 3-d transposed conv, x {@code [2, 2, 3, 3, 2]} to {@code [2, 4, 6, 3, 3]} (SAME) or
   * {@code [2, 5, 7, 4, 3]} (VALID), k 3 × 3 × 2 and strides 2, 2, 1 along depth, height, width:
   * the gradients of {@code Σ y²} w.r.t. x and the kernel, built by the registered gradient,
   * against central finite differences.
   */
  @ParameterizedTest
  @ValueSource(strings = {"SAME", "VALID"})
  void theRegisteredGradientHoldsForAnyThreeDTransposedConv(String padding) {
    Random random = new Random(padding.length());
    Shape xShape = Shape.of(2, 2, 3, 3, 2);
    Shape kernelShape = Shape.of(3, 3, 2, 3, 2);
    // SAME: in · stride; VALID: (in − 1) · stride + k
    int[] sizes = "SAME".equals(padding) ? new int[] {2, 4, 6, 3, 3} : new int[] {2, 5, 7, 4, 3};
    float[] xValues = ConvReference.random(random, (int) xShape.size());
    float[] kernelValues = ConvReference.random(random, (int) kernelShape.size());
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Operand<TFloat32> x = p.trainable(tf, "x", xShape, (t, shape, seeds) -> t.constant(shape, DataBuffers.of(xValues)));
      Operand<TFloat32> kernel = p.trainable(tf, "kernel", kernelShape,
          (t, shape, seeds) -> t.constant(shape, DataBuffers.of(kernelValues)));
      assertTrue(GenericConvTranspose.differentiable(), "on Linux the gradient is registered");
      Operand<TFloat32> y = Conv3dBackpropInput.create(tf.scope(), tf.constant(sizes), kernel, x,
          List.of(1L, 2L, 2L, 1L, 1L), padding);
      Operand<TFloat32> loss = tf.sum(tf.math.square(y), tf.constant(new int[] {0, 1, 2, 3, 4}));
      GradientCheck.Fetcher fetch = operand -> {
        try (Result r = s.runner().fetch(operand).run()) {
          return Tensors.toArray(r.get(0));
        }
      };
      int checked = GradientCheck.check(tf, s, fetch, p.all(), loss, f -> {
        double sum = 0;
        for (float v : f.fetch(y)) {
          sum += (double) v * v;
        }
        return sum;
      }, 6, 1e-3, 0.01, 2e-3);
      assertEquals(12, checked);
      assertEquals(Shape.of(java.util.Arrays.stream(sizes).asLongStream().toArray()), y.shape());
    }
  }
}
