package org.genmodels.savedmodels;

/**
 * Conversions of PyTorch/Paddle weight layouts (NCHW networks) into this project's (NHWC):
 * <pre>
 *   Linear / 1×1 conv   [out, in]              → dense kernel [in, out]
 *   Conv2d              [out, in, kh, kw]      → HWIO [kh, kw, in, out]
 *   ConvTranspose2d     [in, out, kh, kw]      → [kh, kw, out, in] (TF's; no spatial flip)
 *   flatten of [C,H,W]  input index c·H·W + h·W + w   → NHWC's (h·W + w)·C + c
 * </pre>
 * Arrays are row-major {@code float[]}s of the shapes given; each method returns a new array.
 * Stateless; thread-safe.
 */
final class TorchLayouts {
  private TorchLayouts() {
  }

  /** A Linear weight {@code [out, in]} (or a 1×1 conv's {@code [out, in, 1, 1]}) as a dense kernel {@code [in, out]}. */
  static float[] linear(float[] w, int out, int in) {
    float[] k = new float[w.length];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        k[i * out + o] = w[o * in + i];
      }
    }
    return k;
  }

  /** A conv weight {@code [out, in, kh, kw]} as HWIO {@code [kh, kw, in, out]}. */
  static float[] conv(float[] w, int out, int in, int kh, int kw) {
    float[] k = new float[w.length];
    for (int o = 0; o < out; o++) {
      for (int i = 0; i < in; i++) {
        for (int y = 0; y < kh; y++) {
          for (int x = 0; x < kw; x++) {
            k[((y * kw + x) * in + i) * out + o] = w[((o * in + i) * kh + y) * kw + x];
          }
        }
      }
    }
    return k;
  }

  /** A transposed conv weight {@code [in, out, kh, kw]} as TF's {@code [kh, kw, out, in]}. */
  static float[] convTranspose(float[] w, int in, int out, int kh, int kw) {
    float[] k = new float[w.length];
    for (int i = 0; i < in; i++) {
      for (int o = 0; o < out; o++) {
        for (int y = 0; y < kh; y++) {
          for (int x = 0; x < kw; x++) {
            k[((y * kw + x) * out + o) * in + i] = w[((i * out + o) * kh + y) * kw + x];
          }
        }
      }
    }
    return k;
  }

  /**
   * A dense layer that reads a flattened {@code [c, h, w]} NCHW map, weight {@code [out, c·h·w]},
   * as the kernel {@code [h·w·c, out]} of the same layer reading the NHWC-flattened map.
   */
  static float[] denseFromChw(float[] weight, int out, int c, int h, int w) {
    int in = c * h * w;
    float[] k = new float[weight.length];
    for (int o = 0; o < out; o++) {
      for (int ch = 0; ch < c; ch++) {
        for (int p = 0; p < h * w; p++) {
          k[(p * c + ch) * out + o] = weight[o * in + ch * h * w + p];
        }
      }
    }
    return k;
  }

  /**
   * A dense layer whose output is reshaped to {@code [c, h, w]} NCHW, weight {@code [c·h·w, in]},
   * as the kernel {@code [in, h·w·c]} of the same layer whose output is reshaped to NHWC.
   */
  static float[] denseToChw(float[] weight, int in, int c, int h, int w) {
    int out = c * h * w;
    float[] k = new float[weight.length];
    for (int ch = 0; ch < c; ch++) {
      for (int p = 0; p < h * w; p++) {
        for (int i = 0; i < in; i++) {
          k[i * out + p * c + ch] = weight[(ch * h * w + p) * in + i];
        }
      }
    }
    return k;
  }

  /** The bias {@code [c·h·w]} of a layer whose output is reshaped to NCHW {@code [c, h, w]}, in NHWC order. */
  static float[] biasToChw(float[] bias, int c, int h, int w) {
    float[] b = new float[bias.length];
    for (int ch = 0; ch < c; ch++) {
      for (int p = 0; p < h * w; p++) {
        b[p * c + ch] = bias[ch * h * w + p];
      }
    }
    return b;
  }
}
