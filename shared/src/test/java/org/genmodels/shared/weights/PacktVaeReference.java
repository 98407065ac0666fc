package org.genmodels.shared.weights;

/**
 * The conv VAE of the {@code keras_h5/packt_vae_cnn_mnist} fixture computed in plain Java double
 * precision from the arrays {@link KerasH5} read, with the semantics its {@code SOURCE.md} states:
 * a stride-2 "same" 3×3 convolution pads 0 before and 1 after; a Conv2DTranspose scatters {@code
 * in[i, j, ci] · W[ky, kx, co, ci]} to {@code out[s·i + ky, s·j + kx, co]} (no kernel flip) over
 * the full size {@code (n − 1)·s + 3} and crops {@code n·s} from {@code ⌊((n − 1)·s + 3 − n·s) / 2⌋};
 * NHWC, flattened row-major. Written for the test alone, so that it checks the reader's values and
 * layouts independently of TensorFlow. Images are {@code [28·28]} in [0, 1]; latents {@code [2]}.
 */
final class PacktVaeReference {
  private final WeightFile w;

  PacktVaeReference(WeightFile weights) {
    this.w = weights;
  }

  /** The encoder's Dense-16 activations of one image. */
  double[] dense16(double[] image) {
    double[] h = conv(image, 28, 1, "encoder/conv2d_1", 32);
    h = conv(h, 14, 32, "encoder/conv2d_2", 64);
    return dense(h, "encoder/dense_1", true);
  }

  /** {@code z_mean} (or, with {@code "z_log_var"}, {@code z_log_var}) from the Dense-16 activations. */
  double[] head(double[] dense16, String layer) {
    return dense(dense16, "encoder/" + layer, false);
  }

  /** The decoder's 28·28 sigmoid output for the latent point {@code z}. */
  double[] decode(double[] z) {
    double[] h = dense(z, "decoder/dense_2", true);
    h = convTranspose(h, 7, 64, 2, "decoder/conv2d_transpose_1", 64, true);
    h = convTranspose(h, 14, 64, 2, "decoder/conv2d_transpose_2", 32, true);
    double[] logits = convTranspose(h, 28, 32, 1, "decoder/decoder_output", 1, false);
    for (int i = 0; i < logits.length; i++) {
      logits[i] = 1 / (1 + Math.exp(-logits[i]));
    }
    return logits;
  }

  private double[] dense(double[] x, String layer, boolean relu) {
    float[] kernel = array(layer + "/kernel");
    float[] bias = array(layer + "/bias");
    int out = bias.length;
    double[] y = new double[out];
    for (int o = 0; o < out; o++) {
      double s = bias[o];
      for (int i = 0; i < x.length; i++) {
        s += x[i] * kernel[i * out + o];
      }
      y[o] = relu ? Math.max(0, s) : s;
    }
    return y;
  }

  /** 3×3, stride 2, "same" on an even size: pad 0 before, 1 after; relu. */
  private double[] conv(double[] x, int n, int cin, String layer, int cout) {
    float[] k = array(layer + "/kernel");
    float[] b = array(layer + "/bias");
    int m = n / 2;
    double[] y = new double[m * m * cout];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        for (int co = 0; co < cout; co++) {
          double s = b[co];
          for (int ky = 0; ky < 3; ky++) {
            for (int kx = 0; kx < 3; kx++) {
              int r = 2 * i + ky;
              int c = 2 * j + kx;
              if (r >= n || c >= n) {
                continue;
              }
              for (int ci = 0; ci < cin; ci++) {
                s += x[(r * n + c) * cin + ci] * k[((ky * 3 + kx) * cin + ci) * cout + co];
              }
            }
          }
          y[(i * m + j) * cout + co] = Math.max(0, s);
        }
      }
    }
    return y;
  }

  /** 3×3 Conv2DTranspose, "same", kernel {@code [kh, kw, out, in]}. */
  private double[] convTranspose(double[] x, int n, int cin, int stride, String layer, int cout, boolean relu) {
    float[] k = array(layer + "/kernel");
    float[] b = array(layer + "/bias");
    int full = (n - 1) * stride + 3;
    double[] f = new double[full * full * cout];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int ky = 0; ky < 3; ky++) {
          for (int kx = 0; kx < 3; kx++) {
            int base = ((stride * i + ky) * full + stride * j + kx) * cout;
            for (int co = 0; co < cout; co++) {
              double s = 0;
              for (int ci = 0; ci < cin; ci++) {
                s += x[(i * n + j) * cin + ci] * k[((ky * 3 + kx) * cout + co) * cin + ci];
              }
              f[base + co] += s;
            }
          }
        }
      }
    }
    int m = n * stride;
    int crop = (full - m) / 2;
    double[] y = new double[m * m * cout];
    for (int r = 0; r < m; r++) {
      for (int c = 0; c < m; c++) {
        for (int co = 0; co < cout; co++) {
          double v = f[((r + crop) * full + c + crop) * cout + co] + b[co];
          y[(r * m + c) * cout + co] = relu ? Math.max(0, v) : v;
        }
      }
    }
    return y;
  }

  private float[] array(String name) {
    return w.get(name).orElseThrow(() -> new AssertionError("no array " + name)).floats();
  }
}
