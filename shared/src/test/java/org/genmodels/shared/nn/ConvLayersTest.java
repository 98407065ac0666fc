package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.genmodels.shared.testing.GradientCheck;
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
 * Conv2D and Conv2DTranspose against plain-Java loops of their definitions (PyTorch's for the
 * transposed conv, {@code out[i·s − p + a] += x[i] · W[a]}), by hand on a small case, as each
 * other's adjoint, and through finite differences. Sizes include odd ones where PyTorch's
 * {@code padding=p} and Keras' {@code same} differ, so both TF padding paths are exercised.
 */
class ConvLayersTest {
  private static Initializer values(float[] v) {
    return (tf, shape, seeds) -> tf.constant(shape, DataBuffers.of(v, true, false));
  }

  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  /** Runs {@code layer} on {@code x} {@code [b, h, h, c]}. */
  private static float[] run(float[] x, int b, int h, int c,
      BiFunction<Ops, Parameters, java.util.function.Function<Operand<TFloat32>, Operand<TFloat32>>> layer) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, h, h, c)));
      Operand<TFloat32> out = layer.apply(tf, new Parameters(new Seeds(1))).apply(in);
      try (TFloat32 t = Tensors.floats(x, b, h, h, c); Result r = s.runner().feed(in, t).fetch(out).run()) {
        return Tensors.toArray(r.get(0));
      }
    }
  }

  /** Cross-correlation, NHWC, kernel {@code [k, k, cin, cout]}, {@code pad} zeros before each axis. */
  static float[] referenceConv(float[] x, int b, int h, int cin, float[] k, int size, int cout, int stride,
      int pad, int outH) {
    float[] out = new float[b * outH * outH * cout];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < outH; i++) {
        for (int j = 0; j < outH; j++) {
          for (int o = 0; o < cout; o++) {
            double sum = 0;
            for (int a = 0; a < size; a++) {
              for (int bb = 0; bb < size; bb++) {
                int r = i * stride - pad + a;
                int c = j * stride - pad + bb;
                if (r < 0 || c < 0 || r >= h || c >= h) {
                  continue;
                }
                for (int ci = 0; ci < cin; ci++) {
                  sum += x[((n * h + r) * h + c) * cin + ci] * k[((a * size + bb) * cin + ci) * cout + o];
                }
              }
            }
            out[((n * outH + i) * outH + j) * cout + o] = (float) sum;
          }
        }
      }
    }
    return out;
  }

  /** PyTorch's ConvTranspose2d, NHWC, kernel {@code [k, k, cout, cin]}. */
  static float[] referenceTransposed(float[] x, int b, int h, int cin, float[] k, int size, int cout, int stride,
      int pad, int outH) {
    double[] out = new double[b * outH * outH * cout];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < h; j++) {
          for (int c = 0; c < cin; c++) {
            float v = x[((n * h + i) * h + j) * cin + c];
            for (int a = 0; a < size; a++) {
              for (int bb = 0; bb < size; bb++) {
                int r = i * stride - pad + a;
                int col = j * stride - pad + bb;
                if (r < 0 || col < 0 || r >= outH || col >= outH) {
                  continue;
                }
                for (int o = 0; o < cout; o++) {
                  out[((n * outH + r) * outH + col) * cout + o] += v * k[((a * size + bb) * cout + o) * cin + c];
                }
              }
            }
          }
        }
      }
    }
    float[] f = new float[out.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) out[i];
    }
    return f;
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-4 * (1 + Math.abs(expected[i])), what + "[" + i + "]");
    }
  }

  @Test
  void convolutionByHand() {
    float[] x = new float[16];
    for (int i = 0; i < 16; i++) {
      x[i] = i + 1;
    }
    float[] y = run(x, 1, 4, 1, (tf, p) -> in -> Conv2D.create(tf, p, "c", 1, 1, 2, 1, Padding.VALID,
        Activation.LINEAR, values(new float[] {1, 2, 3, 4}), Initializer.constant(0.5f)).apply(tf, in));
    // out(r, c) = v + 2(v + 1) + 3(v + 4) + 4(v + 5) + 0.5 = 10v + 34.5 with v = 4r + c + 1
    assertEquals(9, y.length);
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        assertEquals(10 * (4 * r + c + 1) + 34.5f, y[r * 3 + c], 1e-5);
      }
    }
  }

  @Test
  void convolutionMatchesItsDefinition() {
    // {h, kernel, stride, padding (-1: SAME), expected output size}
    int[][] cases = {{28, 4, 2, 1, 14}, {14, 4, 2, 1, 7}, {28, 3, 1, 1, 28}, {7, 4, 2, 1, 3}, {7, 3, 2, 1, 4},
        {8, 4, 2, -1, 4}, {7, 3, 1, 0, 5}};
    for (int[] c : cases) {
      int b = 2;
      int cin = 2;
      int cout = 3;
      int h = c[0];
      int size = c[1];
      int stride = c[2];
      Padding padding = c[3] < 0 ? Padding.SAME : Padding.explicit(c[3]);
      int pad = c[3] < 0 ? ((c[4] - 1) * stride + size - h) / 2 : c[3];
      float[] x = random(b * h * h * cin, h);
      float[] k = random(size * size * cin * cout, size);
      float[] bias = {0.1f, -0.2f, 0.3f};
      Conv2D[] layer = new Conv2D[1];
      float[] y = run(x, b, h, cin, (tf, p) -> in -> {
        layer[0] = Conv2D.create(tf, p, "c", cin, cout, size, stride, padding, Activation.leakyRelu(0.01f),
            values(k), values(bias));
        return layer[0].apply(tf, in);
      });
      assertEquals(c[4], layer[0].outputSize(h), "output size " + java.util.Arrays.toString(c));
      float[] expected = referenceConv(x, b, h, cin, k, size, cout, stride, pad, c[4]);
      for (int i = 0; i < expected.length; i++) {
        float v = expected[i] + bias[i % cout];
        expected[i] = v > 0 ? v : 0.01f * v;
      }
      assertClose(expected, y, "conv " + java.util.Arrays.toString(c));
    }
  }

  @Test
  void transposedConvolutionPlacesBlocksByHand() {
    float[] y = run(new float[] {1, 2, 3, 4}, 1, 2, 1, (tf, p) -> in -> Conv2DTranspose.create(tf, p, "t", 1, 1,
        2, 2, Padding.VALID, Activation.LINEAR, values(new float[] {1, 10, 100, 1000}), Initializer.zeros())
        .apply(tf, in));
    float[] expected = {
        1, 10, 2, 20,
        100, 1000, 200, 2000,
        3, 30, 4, 40,
        300, 3000, 400, 4000};
    assertClose(expected, y, "blocks");
  }

  @Test
  void transposedConvolutionMatchesPyTorchsDefinition() {
    // {h, kernel, stride, padding (-1: SAME), expected output size}
    int[][] cases = {{7, 4, 2, 1, 14}, {14, 4, 2, 1, 28}, {3, 3, 2, 1, 5}, {4, 3, 2, 0, 9}, {7, 4, 2, -1, 14}};
    for (int[] c : cases) {
      int b = 2;
      int cin = 3;
      int cout = 2;
      int h = c[0];
      int size = c[1];
      int stride = c[2];
      Padding padding = c[3] < 0 ? Padding.SAME : Padding.explicit(c[3]);
      int pad = c[3] < 0 ? ((h - 1) * stride + size - c[4]) / 2 : c[3];
      float[] x = random(b * h * h * cin, h + 100);
      float[] k = random(size * size * cout * cin, size + 100);
      Conv2DTranspose[] layer = new Conv2DTranspose[1];
      float[] y = run(x, b, h, cin, (tf, p) -> in -> {
        layer[0] = Conv2DTranspose.create(tf, p, "t", cin, cout, size, stride, padding, Activation.LINEAR,
            values(k), Initializer.zeros());
        return layer[0].apply(tf, in);
      });
      assertEquals(c[4], layer[0].outputSize(h), "output size " + java.util.Arrays.toString(c));
      assertClose(referenceTransposed(x, b, h, cin, k, size, cout, stride, pad, c[4]), y,
          "transposed " + java.util.Arrays.toString(c));
    }
  }

  @Test
  void transposedConvolutionIsTheAdjointOfTheConvolution() {
    // {big, kernel, stride, padding (-1: SAME)}: conv big → small, transposed small → big
    int[][] cases = {{14, 4, 2, 1}, {28, 4, 2, 1}, {14, 4, 2, -1}, {7, 3, 2, 1}};
    for (int[] c : cases) {
      int big = c[0];
      Padding padding = c[3] < 0 ? Padding.SAME : Padding.explicit(c[3]);
      int small = (int) padding.convOutput(big, c[1], c[2]);
      int cin = 2;
      int cout = 3;
      float[] k = random(c[1] * c[1] * cin * cout, 7);
      float[] x = random(big * big * cin, 8);
      float[] y = random(small * small * cout, 9);
      float[] convX = run(x, 1, big, cin, (tf, p) -> in -> Conv2D.create(tf, p, "c", cin, cout, c[1], c[2], padding,
          Activation.LINEAR, values(k), Initializer.zeros()).apply(tf, in));
      // the same kernel array read as [k, k, out = cin, in = cout]
      float[] transposedY = run(y, 1, small, cout, (tf, p) -> in -> Conv2DTranspose.create(tf, p, "t", cout, cin,
          c[1], c[2], padding, Activation.LINEAR, values(k), Initializer.zeros()).apply(tf, in));
      double left = 0;
      for (int i = 0; i < y.length; i++) {
        left += (double) convX[i] * y[i];
      }
      double right = 0;
      for (int i = 0; i < x.length; i++) {
        right += (double) x[i] * transposedY[i];
      }
      assertEquals(left, right, 1e-4 * Math.abs(left), "<conv x, y> = <x, convT y> " + java.util.Arrays.toString(c));
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    int b = 2;
    float[] x = random(b * 7 * 7 * 2, 3);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(new Seeds(2));
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 7, 7, 2)));
      Conv2D conv = Conv2D.create(tf, params, "c", 2, 3, 3, 2, Padding.explicit(1), Activation.leakyRelu(0.1f),
          WeightInit.TORCH);
      Conv2DTranspose up = Conv2DTranspose.create(tf, params, "t", 3, 2, 3, 2, Padding.explicit(1),
          Activation.LINEAR, WeightInit.TORCH);
      Operand<TFloat32> out = up.apply(tf, conv.apply(tf, in));
      Operand<TFloat32> squares = tf.math.square(out);
      Operand<TFloat32> loss = tf.sum(squares, tf.constant(new int[] {0, 1, 2, 3}));
      try (TFloat32 t = Tensors.floats(x, b, 7, 7, 2)) {
        GradientCheck.Fetcher fetch = operand -> {
          try (Result r = s.runner().feed(in, t).fetch(operand).run()) {
            return Tensors.toArray(r.get(0));
          }
        };
        int checked = GradientCheck.check(tf, s, fetch, params.all(), loss, f -> GradientCheck.sum(f.fetch(squares)),
            3, 1e-3, 0.01, 1e-3);
        assertEquals(3 + 3 + 3 + 2, checked); // three per variable, the second bias has two
      }
    }
  }
}
