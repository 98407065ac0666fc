package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.genmodels.shared.testing.Fetch;
import org.genmodels.shared.testing.NewOps;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@link Conv2D} against hand-computed values and a plain-Java cross-correlation. */
class Conv2DTest {
  /** The 4×4 image 1..16, row-major. */
  private static final float[] X16 = {
      1, 2, 3, 4,
      5, 6, 7, 8,
      9, 10, 11, 12,
      13, 14, 15, 16};

  private static final float[] ONES3 = {1, 1, 1, 1, 1, 1, 1, 1, 1};

  /**
   * Runs a conv layer with the given kernel and bias on {@code x} {@code [n, h, w, in]}, checks the
   * static and the computed shape, and returns the output.
   */
  private static float[] run(float[] x, int n, int h, int w, int in, int out, int k, int stride,
      Padding padding, Activation activation, float[] kernel, float[] bias, long outH, long outW) {
    return run(x, n, h, w, in, out, k, stride, padding, activation, kernel, bias, outH, outW, FastPaths.ON,
        ConvOp.CONV2D);
  }

  /**
   * {@link #run} with the layer viewed with {@code paths} and {@code op}; with {@link FastPaths#OFF}
   * it builds no MatMul, with {@link ConvOp#GENERIC} no {@code Conv2D}.
   */
  private static float[] run(float[] x, int n, int h, int w, int in, int out, int k, int stride,
      Padding padding, Activation activation, float[] kernel, float[] bias, long outH, long outW, FastPaths paths,
      ConvOp op) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Conv2D conv = Conv2D.create(tf, p, "conv", in, out, k, stride, padding, activation, WeightInit.TORCH)
          .with(paths).with(op);
      NewOps built = NewOps.since(g);
      Operand<TFloat32> y = conv.apply(tf, tf.constant(Shape.of(n, h, w, in), DataBuffers.of(x)));
      if (paths == FastPaths.OFF) {
        assertEquals(0, built.counts().getOrDefault("MatMul", 0), "the plain conv is one conv");
      }
      if (op == ConvOp.GENERIC) {
        assertEquals(0, built.counts().getOrDefault("Conv2D", 0), "the generic conv builds no Conv2D");
        assertEquals(1, built.counts().getOrDefault("Conv", 0), "one generic conv");
      }
      assertEquals(Shape.of(n, outH, outW, out), y.shape(), "static shape");
      assertEquals(outH, conv.outputSize(h));
      assertEquals(outW, conv.outputSize(w));
      ConvReference.set(s, tf, p, List.of(kernel, bias));
      float[] values = Fetch.floats(s, y);
      assertEquals(n * outH * outW * out, values.length, "computed size");
      return values;
    }
  }

  private static float[] run1(int k, int stride, Padding padding, float[] kernel, long outSize) {
    return run(X16, 1, 4, 4, 1, 1, k, stride, padding, Activation.LINEAR, kernel, new float[1], outSize, outSize);
  }

  @Test
  void twoByTwoKernelValidStrideOne() {
    // y[i][j] = x[i][j] − x[i+1][j+1] = −5 everywhere
    float[] y = run1(2, 1, Padding.VALID, new float[] {1, 0, 0, -1}, 3);
    float[] expected = new float[9];
    java.util.Arrays.fill(expected, -5);
    assertArrayEquals(expected, y, 1e-5f);
  }

  @Test
  void twoByTwoKernelValidStrideTwo() {
    // y[i][j] = 1·x[2i][2j] + 2·x[2i][2j+1] + 3·x[2i+1][2j] + 4·x[2i+1][2j+1]
    // (0,0): 1+4+15+24; (0,1): 3+8+21+32; (1,0): 9+20+39+56; (1,1): 11+24+45+64
    assertArrayEquals(new float[] {44, 64, 124, 144}, run1(2, 2, Padding.VALID, new float[] {1, 2, 3, 4}, 2), 1e-5f);
    // SAME at k2 s2 on 4 pads nothing: the same
    assertArrayEquals(new float[] {44, 64, 124, 144}, run1(2, 2, Padding.SAME, new float[] {1, 2, 3, 4}, 2), 1e-5f);
  }

  /** 3×3 box sums of the 1..16 image with a border of zeros. */
  private static final float[] BOX_SUMS = {
      14, 24, 30, 22,
      33, 54, 63, 45,
      57, 90, 99, 69,
      46, 72, 78, 54};

  @Test
  void threeByThreeBoxSumsSameAndExplicitOneAndValid() {
    assertArrayEquals(BOX_SUMS, run1(3, 1, Padding.SAME, ONES3, 4), 1e-5f);
    assertArrayEquals(BOX_SUMS, run1(3, 1, Padding.explicit(1), ONES3, 4), 1e-5f);
    // VALID: the four inner sums
    assertArrayEquals(new float[] {54, 63, 90, 99}, run1(3, 1, Padding.VALID, ONES3, 2), 1e-5f);
    // explicit(0) is VALID
    assertArrayEquals(new float[] {54, 63, 90, 99}, run1(3, 1, Padding.explicit(0), ONES3, 2), 1e-5f);
  }

  @Test
  void strideTwoExplicitOneDiffersFromSame() {
    // explicit(1): windows centred on rows/cols 0 and 2
    assertArrayEquals(new float[] {14, 30, 57, 99}, run1(3, 2, Padding.explicit(1), ONES3, 2), 1e-5f);
    // SAME pads 0 on top, 1 below: windows centred on rows/cols 1 and 3
    assertArrayEquals(new float[] {54, 45, 72, 54}, run1(3, 2, Padding.SAME, ONES3, 2), 1e-5f);
  }

  @Test
  void asymmetricKernelIsCrossCorrelationNotConvolution() {
    // kernel [[0, 1], [0, 0]] picks x[i][j+1]: a flipped (true) convolution would pick x[i+1][j]
    float[] y = run1(2, 1, Padding.VALID, new float[] {0, 1, 0, 0}, 3);
    assertArrayEquals(new float[] {2, 3, 4, 6, 7, 8, 10, 11, 12}, y, 1e-5f);
  }

  @Test
  void pointwiseMultiChannelWithBiasAndRelu() {
    // one pixel [1, 2]; kernel [1, 1, 2, 3] = [[1, 0, −1], [2, 1, 0]] → [5, 2, −1]; + [0.5, −3, 0]
    float[] y = run(new float[] {1, 2}, 1, 1, 1, 2, 3, 1, 1, Padding.VALID, Activation.RELU,
        new float[] {1, 0, -1, 2, 1, 0}, new float[] {0.5f, -3, 0}, 1, 1);
    assertArrayEquals(new float[] {5.5f, 0, 0}, y, 1e-6f);
  }

  private static float leaky(double v, double alpha) {
    return (float) (v > 0 ? v : alpha * v);
  }

  /** Two 5×6 images, 2 → 3 channels, against the reference loop, with bias and leaky ReLU. */
  @Test
  void multiChannelMatchesReferenceLoop() {
    Random random = new Random(7);
    int n = 2;
    int h = 5;
    int w = 6;
    float[] x = ConvReference.random(random, n * h * w * 2);
    float[] bias = {0.1f, -0.2f, 0.3f};
    record Case(int k, int stride, Padding padding, int top, int left, int outH, int outW) {
    }
    for (Case c : List.of(
        new Case(3, 1, Padding.explicit(1), 1, 1, 5, 6),
        new Case(3, 1, Padding.SAME, 1, 1, 5, 6),
        new Case(3, 1, Padding.VALID, 0, 0, 3, 4),
        new Case(2, 2, Padding.VALID, 0, 0, 2, 3),
        // SAME k3 s2: h 5 → 3, total 2, top 1; w 6 → 3, total 1, left 0
        new Case(3, 2, Padding.SAME, 1, 0, 3, 3),
        new Case(3, 2, Padding.explicit(1), 1, 1, 3, 3),
        // SAME k4 s2: h total 3 → top 1; w total 2 → left 1
        new Case(4, 2, Padding.SAME, 1, 1, 3, 3),
        new Case(4, 2, Padding.explicit(1), 1, 1, 2, 3),
        new Case(4, 2, Padding.explicit(2), 2, 2, 3, 4))) {
      float[] kernel = ConvReference.random(random, c.k() * c.k() * 2 * 3);
      float[] linear = ConvReference.conv(x, n, h, w, 2, kernel, c.k(), 3, c.stride(), c.top(), c.left(),
          c.outH(), c.outW());
      float[] expected = new float[linear.length];
      for (int i = 0; i < linear.length; i++) {
        expected[i] = leaky(linear[i] + bias[i % 3], 0.2);
      }
      for (ConvOp op : ConvOp.values()) {
        float[] got = run(x, n, h, w, 2, 3, c.k(), c.stride(), c.padding(), Activation.leakyRelu(0.2f),
            kernel, bias, c.outH(), c.outW(), FastPaths.ON, op);
        assertArrayEquals(expected, got, 1e-5f, c + " " + op);
      }
    }
  }

  /**
   * One output channel from more input channels than taps (the CVAE's 32 → 1 output conv) takes
   * a different path in {@link Conv2D} (a MatMul to the taps, then their shifted sums): the
   * reference loop at several kernels, strides and paddings, with that path and without it
   * ({@link FastPaths#OFF}: the one conv).
   */
  @Test
  void singleOutputChannelMatchesReferenceLoop() {
    Random random = new Random(8);
    int n = 2;
    int h = 6;
    int w = 5;
    int in = 12;
    float[] x = ConvReference.random(random, n * h * w * in);
    record Case(int k, int stride, Padding padding, int top, int left, int outH, int outW) {
    }
    for (Case c : List.of(
        new Case(3, 1, Padding.explicit(1), 1, 1, 6, 5),
        new Case(3, 1, Padding.SAME, 1, 1, 6, 5),
        new Case(3, 1, Padding.VALID, 0, 0, 4, 3),
        new Case(3, 2, Padding.explicit(1), 1, 1, 3, 3),
        new Case(2, 1, Padding.VALID, 0, 0, 5, 4),
        new Case(3, 1, Padding.explicit(2), 2, 2, 8, 7))) {
      float[] kernel = ConvReference.random(random, c.k() * c.k() * in);
      float[] bias = {0.25f};
      float[] linear = ConvReference.conv(x, n, h, w, in, kernel, c.k(), 1, c.stride(), c.top(), c.left(), c.outH(),
          c.outW());
      float[] expected = new float[linear.length];
      for (int i = 0; i < linear.length; i++) {
        expected[i] = (float) Math.tanh(linear[i] + bias[0]);
      }
      for (FastPaths paths : FastPaths.values()) {
        for (ConvOp op : ConvOp.values()) {
          float[] got = run(x, n, h, w, in, 1, c.k(), c.stride(), c.padding(), Activation.TANH, kernel, bias,
              c.outH(), c.outW(), paths, op);
          assertArrayEquals(expected, got, 1e-5f, c + " " + paths + " " + op);
        }
      }
    }
  }

  @Test
  void outputShapesOfTheMnistStacks() {
    for (Padding padding : List.of(Padding.explicit(1), Padding.SAME)) {
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Parameters p = new Parameters(new Seeds(2));
        Conv2D c1 = Conv2D.create(tf, p, "c1", 1, 4, 4, 2, padding, Activation.RELU, WeightInit.KERAS);
        Conv2D c2 = Conv2D.create(tf, p, "c2", 4, 8, 4, 2, padding, Activation.RELU, WeightInit.KERAS);
        Conv2D keep = Conv2D.create(tf, p, "keep", 8, 2, 3, 1, Padding.explicit(1), Activation.LINEAR,
            WeightInit.KERAS);
        Operand<TFloat32> x = tf.zeros(tf.constant(new long[] {2, 28, 28, 1}), TFloat32.class);
        Operand<TFloat32> h1 = c1.apply(tf, tf.reshape(x, tf.constant(new long[] {2, 28, 28, 1})));
        Operand<TFloat32> h2 = c2.apply(tf, h1);
        assertEquals(14, c1.outputSize(28));
        assertEquals(7, c2.outputSize(14));
        assertEquals(28, keep.outputSize(28));
        assertEquals(14, h1.shape().get(1));
        assertEquals(7, h2.shape().get(2));
        assertEquals(2 * 7 * 7 * 8, Fetch.floats(s, h2).length);
        Operand<TFloat32> big = keep.apply(tf, tf.zeros(tf.constant(new long[] {1, 28, 28, 8}), TFloat32.class));
        assertEquals(Shape.of(1, 28, 28, 2), big.shape());
        assertEquals(28 * 28 * 2, Fetch.floats(s, big).length);
      }
    }
  }

  @Test
  void oddSizeExplicitPaddingIsNotSame() {
    // k4 s2 p1 on 7: floor((7 + 2 − 4) / 2) + 1 = 3; SAME gives ceil(7 / 2) = 4
    Random random = new Random(11);
    float[] x = ConvReference.random(random, 7 * 7);
    float[] kernel = ConvReference.random(random, 16);
    float[] explicit = run(x, 1, 7, 7, 1, 1, 4, 2, Padding.explicit(1), Activation.LINEAR, kernel, new float[1], 3, 3);
    assertArrayEquals(ConvReference.conv(x, 1, 7, 7, 1, kernel, 4, 1, 2, 1, 1, 3, 3), explicit, 1e-5f);
    float[] same = run(x, 1, 7, 7, 1, 1, 4, 2, Padding.SAME, Activation.LINEAR, kernel, new float[1], 4, 4);
    // SAME: total (4 − 1)·2 + 4 − 7 = 3, top 1
    assertArrayEquals(ConvReference.conv(x, 1, 7, 7, 1, kernel, 4, 1, 2, 1, 1, 4, 4), same, 1e-5f);
  }

  @Test
  void nonSquareInputPadsEachAxisAsExplicit() {
    // k4 s2 p1: rows 8 → 4 (where SAME is the same), columns 7 → 3 (where SAME would give 4)
    Random random = new Random(13);
    float[] x = ConvReference.random(random, 8 * 7 * 2);
    float[] kernel = ConvReference.random(random, 4 * 4 * 2 * 3);
    float[] got = run(x, 1, 8, 7, 2, 3, 4, 2, Padding.explicit(1), Activation.LINEAR, kernel, new float[3], 4, 3);
    assertArrayEquals(ConvReference.conv(x, 1, 8, 7, 2, kernel, 4, 3, 2, 1, 1, 4, 3), got, 1e-5f);
    // and the other way round: rows 7 → 3, columns 8 → 4
    float[] x2 = ConvReference.random(random, 7 * 8 * 2);
    float[] got2 = run(x2, 1, 7, 8, 2, 3, 4, 2, Padding.explicit(1), Activation.LINEAR, kernel, new float[3], 3, 4);
    assertArrayEquals(ConvReference.conv(x2, 1, 7, 8, 2, kernel, 4, 3, 2, 1, 1, 3, 4), got2, 1e-5f);
  }

  /**
   * Built for bf16, a conv to one output channel goes through {@link OneChannelConv} (a conv to two
   * channels, one kept), in both forms; to more channels, and in float32, it is TF's one conv. The
   * values are the same.
   */
  @Test
  void builtForBf16AOneChannelConvGoesThroughOneChannelConv() {
    Random random = new Random(4);
    float[] x = ConvReference.random(random, 2 * 6 * 6 * 12);
    for (FastPaths paths : FastPaths.values()) {
      for (int out : new int[] {1, 3}) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
          Ops tf = Ops.create(g);
          Parameters p = new Parameters(new Seeds(1));
          Conv2D conv = Conv2D.create(tf, p, "c", 12, out, 3, 1, Padding.explicit(1), Activation.TANH,
              WeightInit.TORCH).with(paths);
          Operand<TFloat32> in = tf.constant(Shape.of(2, 6, 6, 12), DataBuffers.of(x));
          Operand<TFloat32> fp32 = conv.apply(tf, in);
          NewOps built = NewOps.since(g);
          Operand<TFloat32> bf16 = conv.with(Precision.BF16).apply(tf, in);
          String form = paths + ", " + out + " channels";
          assertEquals(out == 1 ? 1 : 0, built.counts().getOrDefault("ConcatV2", 0), form);
          assertEquals(Precision.BF16, conv.with(Precision.BF16).with(paths).precision(), form);
          ConvReference.set(s, tf, p, List.of(ConvReference.random(random, 9 * 12 * out),
              ConvReference.random(random, out)));
          assertArrayEquals(Fetch.floats(s, fp32), Fetch.floats(s, bf16), 1e-6f, form);
        }
      }
    }
  }

  /**
   * The generic conv where its kernel has no static shape (as the DDPM's folded kernels inside the
   * sampling loop's body): the output's static shape is still the layer's, and the values the
   * reference loop's; built for bf16 the layer keeps {@code Conv2D}, for the rewrite to cast; and
   * the generic conv's gradients (registered by {@code GenericConv}) are {@code Conv2D}'s, which
   * {@link ConvGradientTest} holds to finite differences for both ops.
   */
  @Test
  void theGenericConvKeepsItsStaticShapeWithAKernelOfUnknownShapeAndHasConv2DsGradients() {
    Random random = new Random(9);
    int n = 2;
    int h = 7;
    int w = 6;
    int in = 3;
    int out = 4;
    float[] x = ConvReference.random(random, n * h * w * in);
    float[] kernel = ConvReference.random(random, 16 * in * out);
    float[] bias = ConvReference.random(random, out);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Conv2D conv = Conv2D.create(tf, p, "c", in, out, 4, 2, Padding.explicit(1), Activation.RELU, WeightInit.TORCH);
      Operand<TFloat32> unknown = tf.placeholderWithDefault(tf.constant(Shape.of(4, 4, in, out),
          DataBuffers.of(kernel)), Shape.unknown());
      Operand<TFloat32> image = tf.constant(Shape.of(n, h, w, in), DataBuffers.of(x));
      Operand<TFloat32> y = conv.with(ConvOp.GENERIC).withWeights(unknown, tf.constant(bias)).apply(tf, image);
      // Shape.equals never holds with an unknown size: compare the sizes
      assertArrayEquals(new long[] {-1, 3, 3, out}, y.shape().asArray(),
          "static shape: H' and W' of explicit(1), k 4, stride 2");
      float[] linear = ConvReference.conv(x, n, h, w, in, kernel, 4, out, 2, 1, 1, 3, 3);
      float[] expected = new float[linear.length];
      for (int i = 0; i < linear.length; i++) {
        expected[i] = Math.max(0, linear[i] + bias[i % out]);
      }
      assertArrayEquals(expected, Fetch.floats(s, y), 1e-5f);

      NewOps built = NewOps.since(g);
      conv.with(ConvOp.GENERIC).with(Precision.BF16).apply(tf, image);
      assertEquals(1, built.counts().getOrDefault("Conv2D", 0), "built for bf16: Conv2D");
      assertEquals(0, built.counts().getOrDefault("Conv", 0), "built for bf16: no generic conv");

      // Σ r·y through the generic conv and through Conv2D, w.r.t. the image and the kernel
      Operand<TFloat32> r = tf.constant(Shape.of(n, 3, 3, out), DataBuffers.of(ConvReference.random(random,
          n * 3 * 3 * out)));
      Operand<TFloat32> generic = conv.with(ConvOp.GENERIC).withWeights(unknown, tf.constant(bias)).apply(tf, image);
      Operand<TFloat32> plain = conv.withWeights(unknown, tf.constant(bias)).apply(tf, image);
      var viaGeneric = tf.gradients(tf.sum(tf.math.mul(generic, r), tf.constant(new int[] {0, 1, 2, 3})),
          List.of(image, unknown));
      var viaConv2D = tf.gradients(tf.sum(tf.math.mul(plain, r), tf.constant(new int[] {0, 1, 2, 3})),
          List.of(image, unknown));
      for (int i = 0; i < 2; i++) {
        float[] conv2d = Fetch.floats(s, viaConv2D.dy(i));
        assertArrayEquals(conv2d, Fetch.floats(s, viaGeneric.dy(i)), 1e-5f, i == 0 ? "d image" : "d kernel");
        float largest = 0;
        for (float v : conv2d) {
          largest = Math.max(largest, Math.abs(v));
        }
        assertTrue(largest > 0.1f, "a gradient that is not ~0: " + largest);
      }
      assertEquals(ConvOp.GENERIC, ConvOp.forTraining(Precision.FP32), "on Linux the gradient is registered");
      assertEquals(ConvOp.CONV2D, ConvOp.forTraining(Precision.BF16));
      assertEquals(ConvOp.GENERIC, ConvOp.forInference(Precision.FP32));
      assertEquals(ConvOp.CONV2D, ConvOp.forInference(Precision.BF16));
    }
  }

}
