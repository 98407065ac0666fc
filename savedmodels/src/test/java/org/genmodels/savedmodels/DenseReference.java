package org.genmodels.savedmodels;

import org.genmodels.shared.weights.WeightFile;

/**
 * Dense layers computed in plain Java double precision from the arrays of a Keras file, looked up
 * by the Keras names the test file was written with: the reference the importers' outputs are
 * checked against, independent of how an importer maps the file onto a Java model.
 */
final class DenseReference {
  private final WeightFile file;

  DenseReference(WeightFile file) {
    this.file = file;
  }

  /** {@code x · kernel + bias} (then relu when asked) for each row of {@code x} {@code [n, in]}. */
  double[][] dense(double[][] x, String kernelName, String biasName, boolean relu) {
    float[] kernel = array(kernelName);
    float[] bias = array(biasName);
    int out = bias.length;
    double[][] y = new double[x.length][out];
    for (int r = 0; r < x.length; r++) {
      for (int o = 0; o < out; o++) {
        double s = bias[o];
        for (int i = 0; i < x[r].length; i++) {
          s += x[r][i] * kernel[i * out + o];
        }
        y[r][o] = relu ? Math.max(0, s) : s;
      }
    }
    return y;
  }

  /** The layer {@code layer}'s Keras 2 arrays {@code layer/kernel} and {@code layer/bias}. */
  double[][] dense(double[][] x, String layer, boolean relu) {
    return dense(x, layer + "/kernel", layer + "/bias", relu);
  }

  static double[][] sigmoid(double[][] x) {
    double[][] y = new double[x.length][];
    for (int r = 0; r < x.length; r++) {
      y[r] = new double[x[r].length];
      for (int i = 0; i < x[r].length; i++) {
        y[r][i] = 1 / (1 + Math.exp(-x[r][i]));
      }
    }
    return y;
  }

  /** Rows of {@code n} values each from a flat array. */
  static double[][] rows(float[] flat, int n) {
    int width = flat.length / n;
    double[][] y = new double[n][width];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < width; i++) {
        y[r][i] = flat[r * width + i];
      }
    }
    return y;
  }

  /** The largest absolute difference between {@code java} (flat, row-major) and {@code reference}. */
  static double maxAbsDiff(float[] java, double[][] reference) {
    int k = 0;
    double max = 0;
    for (double[] row : reference) {
      for (double v : row) {
        double d = Math.abs(java[k++] - v);
        max = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(max, d);
      }
    }
    if (k != java.length) {
      throw new AssertionError(java.length + " values, the reference has " + k);
    }
    return max;
  }

  static double maxAbsDiff(float[][] java, double[][] reference) {
    int width = java.length == 0 ? 0 : java[0].length;
    float[] flat = new float[java.length * width];
    for (int r = 0; r < java.length; r++) {
      System.arraycopy(java[r], 0, flat, r * width, width);
    }
    return maxAbsDiff(flat, reference);
  }

  private float[] array(String name) {
    return file.get(name).orElseThrow(() -> new AssertionError("no array " + name + " in the test file")).floats();
  }
}
