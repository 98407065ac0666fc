package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.genmodels.shared.testing.Fetch;
import org.genmodels.shared.testing.NewOps;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@link Conv2DTranspose}: hand-computed block placement, PyTorch's definition, the adjoint of
 * {@link Conv2D}, output shapes, and the gradients of a conv → transposed-conv stack.
 */
class Conv2DTransposeTest {
  private static Operand<TFloat32> constant(Ops tf, float[] v, long... shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(v));
  }

  /** Runs a transposed conv with the given kernel {@code [k, k, out, in]} and bias on x. */
  private static float[] run(float[] x, int n, int h, int w, int in, int out, int k, int stride,
      Padding padding, Activation activation, float[] kernel, float[] bias, long outH, long outW) {
    return run(x, n, h, w, in, out, k, stride, padding, activation, kernel, bias, outH, outW, FastPaths.ON);
  }

  /**
   * {@link #run} with the layer viewed with {@code paths}, checking which form it built: the
   * taps' MatMul for one output channel with {@link FastPaths#ON} where the kernel size is a
   * multiple of the stride, else TF's one op.
   */
  private static float[] run(float[] x, int n, int h, int w, int in, int out, int k, int stride,
      Padding padding, Activation activation, float[] kernel, float[] bias, long outH, long outW, FastPaths paths) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Conv2DTranspose t = Conv2DTranspose.create(tf, p, "up", in, out, k, stride, padding, activation,
          WeightInit.TORCH).with(paths);
      assertEquals(Shape.of(k, k, out, in), p.all().get(0).shape());
      NewOps built = NewOps.since(g);
      Operand<TFloat32> y = t.apply(tf, constant(tf, x, n, h, w, in));
      boolean taps = paths == FastPaths.ON && out == 1 && k % stride == 0;
      assertEquals(taps ? 1 : 0, built.counts().getOrDefault("MatMul", 0), "taps' MatMul");
      assertEquals(taps ? 0 : 1, built.counts().getOrDefault("Conv2DBackpropInput", 0), "TF's transposed conv");
      assertEquals(outH, t.outputSize(h));
      assertEquals(outW, t.outputSize(w));
      assertEquals(Shape.of(n, outH, outW, out), y.shape(), "static shape");
      ConvReference.set(s, tf, p, List.of(kernel, bias));
      float[] values = Fetch.floats(s, y);
      assertEquals(n * outH * outW * out, values.length);
      return values;
    }
  }

  @Test
  void strideTwoPlacesKernelBlocksByHand() {
    // input [[1, 2], [3, 4]], kernel [[1, 2], [3, 4]], stride 2: each input value scales the
    // kernel into its own 2×2 block
    float[] expected = {
        1, 2, 2, 4,
        3, 4, 6, 8,
        3, 6, 4, 8,
        9, 12, 12, 16};
    float[] x = {1, 2, 3, 4};
    float[] kernel = {1, 2, 3, 4};
    for (Padding padding : List.of(Padding.VALID, Padding.SAME, Padding.explicit(0))) {
      assertArrayEquals(expected, run(x, 1, 2, 2, 1, 1, 2, 2, padding, Activation.LINEAR, kernel,
          new float[1], 4, 4), 1e-6f, padding.toString());
    }
    // with a bias and ReLU
    float[] shifted = new float[16];
    for (int i = 0; i < 16; i++) {
      shifted[i] = Math.max(expected[i] - 5, 0);
    }
    assertArrayEquals(shifted, run(x, 1, 2, 2, 1, 1, 2, 2, Padding.SAME, Activation.RELU, kernel,
        new float[] {-5}, 4, 4), 1e-6f);
  }

  @Test
  void strideOneOverlapsByHand() {
    // 2×2 input [[1, 2], [3, 4]], 2×2 kernel of ones, stride 1, VALID → 3×3 of overlapping sums
    float[] y = run(new float[] {1, 2, 3, 4}, 1, 2, 2, 1, 1, 2, 1, Padding.VALID, Activation.LINEAR,
        new float[] {1, 1, 1, 1}, new float[1], 3, 3);
    assertArrayEquals(new float[] {1, 3, 2, 4, 10, 6, 3, 7, 4}, y, 1e-6f);
  }

  /** A transposed conv's kernel size, stride, padding (p: PyTorch's) and input size. */
  private record Case(int k, int stride, int p, Padding padding, int h, int w) {
  }

  /**
   * Each case against PyTorch's definition ({@link ConvReference#torchConvTranspose}, then the
   * bias and {@code activation}, whose value {@code f} gives), on random x and PyTorch weights
   * rearranged to {@code [k, k, out, in]} without a flip, in each of {@code paths}.
   */
  private static void checkAgainstPyTorch(Random random, List<Case> cases, int in, int out, float[] bias,
      Activation activation, java.util.function.DoubleUnaryOperator f, FastPaths... paths) {
    for (Case c : cases) {
      int n = 2;
      int outH = (c.h() - 1) * c.stride() - 2 * c.p() + c.k();
      int outW = (c.w() - 1) * c.stride() - 2 * c.p() + c.k();
      float[] x = ConvReference.random(random, n * c.h() * c.w() * in);
      float[] torchWeight = ConvReference.random(random, in * out * c.k() * c.k());
      float[] expected = ConvReference.torchConvTranspose(x, n, c.h(), c.w(), in, torchWeight, c.k(), out,
          c.stride(), c.p(), outH, outW);
      for (int i = 0; i < expected.length; i++) {
        expected[i] = (float) f.applyAsDouble(expected[i] + bias[i % out]);
      }
      for (FastPaths view : paths) {
        float[] got = run(x, n, c.h(), c.w(), in, out, c.k(), c.stride(), c.padding(), activation,
            ConvReference.torchToTf(torchWeight, in, out, c.k()), bias, outH, outW, view);
        assertArrayEquals(expected, got, 1e-5f, c + " " + view);
      }
    }
  }

  /**
   * A PyTorch {@code ConvTranspose2d} weight {@code [in, out, k, k]}, rearranged to
   * {@code [k, k, out, in]} without a flip, reproduces PyTorch's definition.
   */
  @Test
  void matchesPyTorchDefinition() {
    checkAgainstPyTorch(new Random(3), List.of(
        new Case(4, 2, 1, Padding.explicit(1), 3, 3),
        new Case(4, 2, 1, Padding.explicit(1), 4, 3),
        new Case(4, 2, 1, Padding.SAME, 3, 4),
        new Case(3, 2, 1, Padding.explicit(1), 4, 3),
        // EXPLICIT, not SAME: k − 2p outside (0, s]
        new Case(4, 2, 2, Padding.explicit(2), 4, 3),
        new Case(4, 2, 0, Padding.explicit(0), 3, 2),
        new Case(5, 1, 1, Padding.explicit(1), 3, 4),
        new Case(3, 1, 0, Padding.explicit(0), 2, 3)),
        3, 2, new float[] {0.25f, -0.5f}, Activation.LINEAR, v -> v, FastPaths.ON);
  }

  /**
   * One output channel (the DDPM's output layer folded into its last up-sampling) takes a
   * different path where the kernel size is a multiple of the stride (a MatMul to the taps, then
   * shifted sums laid out by depth-to-space): PyTorch's definition at several kernels, strides,
   * paddings and non-square sizes, with that path and without it ({@link FastPaths#OFF}).
   */
  @Test
  void singleOutputChannelMatchesPyTorchDefinition() {
    checkAgainstPyTorch(new Random(9), List.of(
        new Case(4, 2, 1, Padding.explicit(1), 5, 3),
        new Case(4, 2, 1, Padding.SAME, 3, 4),
        new Case(4, 2, 0, Padding.VALID, 2, 3),
        new Case(4, 2, 2, Padding.explicit(2), 4, 3),
        new Case(6, 2, 2, Padding.SAME, 3, 2),
        new Case(6, 3, 1, Padding.explicit(1), 2, 3),
        new Case(2, 2, 0, Padding.explicit(0), 3, 2),
        new Case(3, 1, 1, Padding.SAME, 4, 3),
        new Case(3, 1, 0, Padding.explicit(0), 2, 3),
        // kernel not a multiple of the stride: TF's op in both forms
        new Case(3, 2, 1, Padding.explicit(1), 4, 3)),
        5, 1, new float[] {-0.375f}, Activation.TANH, Math::tanh, FastPaths.values());
  }

  @Test
  void outputShapesOfTheMnistDecoder() {
    for (Padding padding : List.of(Padding.explicit(1), Padding.SAME)) {
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Parameters p = new Parameters(new Seeds(2));
        Conv2DTranspose t1 = Conv2DTranspose.create(tf, p, "t1", 8, 4, 4, 2, padding, Activation.RELU,
            WeightInit.KERAS);
        Conv2DTranspose t2 = Conv2DTranspose.create(tf, p, "t2", 4, 1, 4, 2, padding, Activation.LINEAR,
            WeightInit.KERAS);
        Operand<TFloat32> z = tf.zeros(tf.constant(new long[] {3, 7, 7, 8}), TFloat32.class);
        Operand<TFloat32> h1 = t1.apply(tf, z);
        Operand<TFloat32> h2 = t2.apply(tf, h1);
        assertEquals(14, t1.outputSize(7));
        assertEquals(28, t2.outputSize(14));
        assertEquals(Shape.of(3, 14, 14, 4), h1.shape());
        assertEquals(Shape.of(3, 28, 28, 1), h2.shape());
        try (Result r = s.runner().fetch(h2).run()) {
          assertEquals(Shape.of(3, 28, 28, 1), r.get(0).shape());
        }
      }
    }
  }

  /**
   * ⟨conv(x), y⟩ = ⟨x, convT(y)⟩ with one kernel array for both ({@code [k, k, in, out]} of the
   * conv is {@code [k, k, out', in']} of the transposed conv going back) and no bias.
   */
  @Test
  void transposedConvIsTheAdjointOfTheConv() {
    Random random = new Random(5);
    record Case(int k, int stride, Padding padding, int h, int w) {
    }
    for (Case c : List.of(
        new Case(4, 2, Padding.explicit(1), 8, 8),
        new Case(4, 2, Padding.SAME, 8, 6),
        new Case(3, 1, Padding.explicit(1), 5, 6),
        new Case(4, 2, Padding.explicit(2), 6, 8),
        new Case(3, 2, Padding.explicit(0), 7, 5),
        new Case(5, 1, Padding.explicit(1), 6, 6),
        new Case(3, 2, Padding.explicit(1), 7, 5))) {
      int n = 2;
      int cin = 2;
      int cout = 3;
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Parameters p = new Parameters(new Seeds(1));
        Conv2D conv = Conv2D.create(tf, p, "conv", cin, cout, c.k(), c.stride(), c.padding(), Activation.LINEAR,
            WeightInit.TORCH);
        Conv2DTranspose back = Conv2DTranspose.create(tf, p, "back", cout, cin, c.k(), c.stride(), c.padding(),
            Activation.LINEAR, WeightInit.TORCH);
        int oh = (int) conv.outputSize(c.h());
        int ow = (int) conv.outputSize(c.w());
        assertEquals(c.h(), back.outputSize(oh), c.toString());
        assertEquals(c.w(), back.outputSize(ow), c.toString());
        float[] x = ConvReference.random(random, n * c.h() * c.w() * cin);
        float[] y = ConvReference.random(random, n * oh * ow * cout);
        float[] kernel = ConvReference.random(random, c.k() * c.k() * cin * cout);
        Operand<TFloat32> cx = conv.apply(tf, constant(tf, x, n, c.h(), c.w(), cin));
        Operand<TFloat32> ty = back.apply(tf, constant(tf, y, n, oh, ow, cout));
        ConvReference.set(s, tf, p, List.of(kernel, new float[cout], kernel, new float[cin]));
        double left = ConvReference.dot(Fetch.floats(s, cx), y);
        double right = ConvReference.dot(x, Fetch.floats(s, ty));
        assertTrue(Math.abs(left) > 0.1, "not a trivial 0 = 0: " + left);
        assertEquals(left, right, 1e-5 * (1 + Math.abs(left)), c.toString());
      }
    }
  }

  /**
   * Built for bf16 the layer adds its bias with {@code Add}, whose gradient TensorFlow's bf16
   * rewrite keeps in float32 ({@link Conv2DTranspose#with(Precision)}; the DDPM's gradients show
   * why, {@code DiffusionPrecisionTest}); float32 keeps {@code BiasAdd}. The values are the same,
   * and the other views keep the precision.
   */
  @Test
  void builtForBf16ItAddsTheBiasWithAdd() {
    Random random = new Random(9);
    float[] x = ConvReference.random(random, 2 * 3 * 3 * 2);
    List<float[]> weights = List.of(ConvReference.random(random, 4 * 4 * 3 * 2), ConvReference.random(random, 3));
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Conv2DTranspose t = Conv2DTranspose.create(tf, p, "up", 2, 3, 4, 2, Padding.explicit(1), Activation.RELU,
          WeightInit.TORCH);
      Operand<TFloat32> in = constant(tf, x, 2, 3, 3, 2);
      NewOps fp32Ops = NewOps.since(g);
      Operand<TFloat32> fp32 = t.apply(tf, in);
      Map<String, Integer> fp32Counts = fp32Ops.counts();
      NewOps bf16Ops = NewOps.since(g);
      Conv2DTranspose bf16 = t.with(Precision.BF16);
      Operand<TFloat32> added = bf16.apply(tf, in);
      Map<String, Integer> bf16Counts = bf16Ops.counts();
      assertEquals(1, fp32Counts.getOrDefault("BiasAdd", 0));
      assertEquals(0, fp32Counts.getOrDefault("Add", 0));
      assertEquals(0, bf16Counts.getOrDefault("BiasAdd", 0));
      assertEquals(1, bf16Counts.getOrDefault("Add", 0));
      ConvReference.set(s, tf, p, weights);
      float[] expected = Fetch.floats(s, fp32);
      assertArrayEquals(expected, Fetch.floats(s, added), 0f);
      double largest = 0;
      for (float v : expected) {
        largest = Math.max(largest, Math.abs(v));
      }
      assertTrue(largest > 0.1, "all (near) zero: " + largest);
      assertEquals(Precision.FP32, t.precision());
      assertEquals(t, t.with(Precision.FP32));
      assertEquals(Precision.BF16, bf16.with(FastPaths.OFF).precision());
      assertEquals(Precision.BF16, bf16.withWeights(bf16.kernel(), bf16.bias()).precision());
    }
  }
}
