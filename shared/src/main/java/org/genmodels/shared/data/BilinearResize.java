package org.genmodels.shared.data;

/**
 * Resizes 8-bit RGB images as PIL's {@code resize(size, BILINEAR)} does, the resampling behind
 * torchvision's {@code Resize((64, 64))} on PIL images: a separable triangle (tent) filter whose
 * width grows with the shrink factor, so that downscaling averages every source pixel (antialiased)
 * instead of sampling a few, and upscaling is plain bilinear interpolation. Pixel centres are
 * aligned ({@code source x = (x + 0.5) · in / out − 0.5}), and taps beyond the border are dropped
 * and the rest renormalised. The two passes are done in double and rounded once at the end (PIL
 * rounds between them: values may differ by 1). A constant image stays constant, and a size equal
 * to the source returns the source exactly. Stateless and thread-safe.
 */
final class BilinearResize {
  private BilinearResize() {
  }

  /** {@code image} resized to {@code width × height}: {@code height × width × 3} bytes, row-major. */
  static byte[] resize(RgbImage image, int width, int height) {
    Taps horizontal = Taps.of(image.width(), width);
    Taps vertical = Taps.of(image.height(), height);
    int inW = image.width();
    byte[] src = image.rgb();
    double[] rows = new double[image.height() * width * 3];
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          double sum = 0;
          for (int k = 0; k < horizontal.weights[x].length; k++) {
            sum += horizontal.weights[x][k] * (src[(y * inW + horizontal.first[x] + k) * 3 + c] & 0xFF);
          }
          rows[(y * width + x) * 3 + c] = sum;
        }
      }
    }
    byte[] out = new byte[height * width * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          double sum = 0;
          for (int k = 0; k < vertical.weights[y].length; k++) {
            sum += vertical.weights[y][k] * rows[((vertical.first[y] + k) * width + x) * 3 + c];
          }
          out[(y * width + x) * 3 + c] = (byte) Math.max(0, Math.min(255, Math.round(sum)));
        }
      }
    }
    return out;
  }

  /** For each output index along one axis: the first source index and the normalised weights. */
  private record Taps(int[] first, double[][] weights) {
    static Taps of(int in, int out) {
      double scale = (double) in / out;
      double support = Math.max(scale, 1);
      int[] first = new int[out];
      double[][] weights = new double[out][];
      for (int i = 0; i < out; i++) {
        double centre = (i + 0.5) * scale;
        int lo = Math.max(0, (int) Math.floor(centre - support));
        int hi = Math.min(in - 1, (int) Math.ceil(centre + support));
        double[] w = new double[hi - lo + 1];
        double total = 0;
        for (int j = lo; j <= hi; j++) {
          w[j - lo] = Math.max(0, 1 - Math.abs(j + 0.5 - centre) / support);
          total += w[j - lo];
        }
        for (int k = 0; k < w.length; k++) {
          w[k] /= total;
        }
        first[i] = lo;
        weights[i] = w;
      }
      return new Taps(first, weights);
    }
  }
}
