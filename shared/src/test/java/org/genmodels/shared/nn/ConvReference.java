package org.genmodels.shared.nn;

import java.util.List;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Plain-Java convolutions for the conv tests, written from the textbook definitions and
 * independent of TF. Arrays are row-major: images NHWC, conv kernels HWIO {@code [k, k, in, out]}.
 */
final class ConvReference {
  private ConvReference() {
  }

  /**
   * Cross-correlation {@code y[n, i, j, o] = Σ x[n, i·s − top + a, j·s − left + b, c] · w[a, b, c, o]}
   * with zeros outside {@code x}.
   */
  static float[] conv(float[] x, int n, int h, int w, int in, float[] kernel, int k, int out, int stride,
      int top, int left, int outH, int outW) {
    float[] y = new float[n * outH * outW * out];
    for (int b = 0; b < n; b++) {
      for (int i = 0; i < outH; i++) {
        for (int j = 0; j < outW; j++) {
          for (int o = 0; o < out; o++) {
            double sum = 0;
            for (int a = 0; a < k; a++) {
              for (int c = 0; c < k; c++) {
                int r = i * stride - top + a;
                int col = j * stride - left + c;
                if (r < 0 || r >= h || col < 0 || col >= w) {
                  continue;
                }
                for (int ch = 0; ch < in; ch++) {
                  sum += (double) x[((b * h + r) * w + col) * in + ch] * kernel[((a * k + c) * in + ch) * out + o];
                }
              }
            }
            y[((b * outH + i) * outW + j) * out + o] = (float) sum;
          }
        }
      }
    }
    return y;
  }

  /**
   * PyTorch's {@code ConvTranspose2d} by its definition
   * {@code y[o, i·s − p + a, j·s − p + b] += x[c, i, j] · W[c, o, a, b]}, with the weight in
   * PyTorch's layout {@code [in, out, k, k]} and {@code p} cut from the top/left of the full
   * output; here NHWC.
   */
  static float[] torchConvTranspose(float[] x, int n, int h, int w, int in, float[] weight, int k, int out,
      int stride, int p, int outH, int outW) {
    double[] y = new double[n * outH * outW * out];
    for (int b = 0; b < n; b++) {
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < w; j++) {
          for (int c = 0; c < in; c++) {
            float v = x[((b * h + i) * w + j) * in + c];
            for (int o = 0; o < out; o++) {
              for (int a = 0; a < k; a++) {
                for (int d = 0; d < k; d++) {
                  int r = i * stride - p + a;
                  int col = j * stride - p + d;
                  if (r < 0 || r >= outH || col < 0 || col >= outW) {
                    continue;
                  }
                  y[((b * outH + r) * outW + col) * out + o] += v * weight[((c * out + o) * k + a) * k + d];
                }
              }
            }
          }
        }
      }
    }
    float[] f = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      f[i] = (float) y[i];
    }
    return f;
  }

  /** PyTorch's transposed-conv weight {@code [in, out, k, k]} rearranged to {@code [k, k, out, in]}. */
  static float[] torchToTf(float[] weight, int in, int out, int k) {
    float[] t = new float[weight.length];
    for (int c = 0; c < in; c++) {
      for (int o = 0; o < out; o++) {
        for (int a = 0; a < k; a++) {
          for (int d = 0; d < k; d++) {
            t[((a * k + d) * out + o) * in + c] = weight[((c * out + o) * k + a) * k + d];
          }
        }
      }
    }
    return t;
  }

  static float[] random(Random random, int size) {
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }

  static double dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(a.length + " vs " + b.length);
    }
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  /** Overwrites every variable of {@code params} with the given values, in creation order. */
  static void set(Session session, Ops tf, Parameters params, List<float[]> values) {
    List<Parameters.Param> all = params.all();
    for (int i = 0; i < values.size(); i++) {
      Parameters.Param p = all.get(i);
      Shape shape = p.shape();
      session.runner().addTarget(tf.assign(p.variable(), tf.constant(shape, DataBuffers.of(values.get(i)))))
          .run().close();
    }
  }

  /** {@code Σ y · weights}: a scalar whose gradient reaches every output with its own weight. */
  static Operand<TFloat32> weightedSum(Ops tf, Operand<TFloat32> y, Operand<TFloat32> weights) {
    return tf.sum(tf.math.mul(y, weights), tf.constant(new int[] {0, 1, 2, 3}));
  }
}
