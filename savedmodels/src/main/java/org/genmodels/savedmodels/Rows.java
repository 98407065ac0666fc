package org.genmodels.savedmodels;

import java.util.Arrays;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Plain Java arrays in and out of tensors for the embedding API: a batch is a {@code float[n][]}
 * of rows (each row one image or latent, row-major), labels an {@code int[n]}. Checks sizes and
 * names the offending row. Tensors returned belong to the caller.
 */
final class Rows {
  private Rows() {
  }

  /**
   * The rows as a tensor {@code [n, ...rowShape]}.
   *
   * @param what names a row in messages, e.g. "image"
   * @throws IllegalArgumentException when a row is null or of the wrong length
   */
  static TFloat32 tensor(float[][] rows, long[] rowShape, String what) {
    if (rows == null) {
      throw new IllegalArgumentException("no " + what + "s given (null)");
    }
    int size = Math.toIntExact(Shape.of(rowShape).size());
    float[] flat = new float[Math.multiplyExact(rows.length, size)];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] == null || rows[i].length != size) {
        throw new IllegalArgumentException(what + " " + i + " has " + (rows[i] == null ? "no" : rows[i].length)
            + " values; the model takes " + describe(rowShape) + " values per " + what + " (row-major)");
      }
      System.arraycopy(rows[i], 0, flat, i * size, size);
    }
    long[] dims = new long[rowShape.length + 1];
    dims[0] = rows.length;
    System.arraycopy(rowShape, 0, dims, 1, rowShape.length);
    return TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(flat, true, false));
  }

  /**
   * Labels as an int32 tensor {@code [n]}, each checked against {@code classes}.
   *
   * @throws IllegalArgumentException for a missing label array, a count other than {@code n} or
   *                                  a label out of range
   */
  static TInt32 labels(int[] labels, int n, int classes) {
    if (labels == null || labels.length != n) {
      throw new IllegalArgumentException("the conditional model needs one label per row: " + n + " rows, "
          + (labels == null ? "no" : labels.length) + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("label " + i + " is " + labels[i] + "; labels lie in 0.." + (classes - 1));
      }
    }
    return TInt32.vectorOf(labels);
  }

  /** A float tensor {@code [n, ...]} as n rows of its other dimensions flattened. */
  static float[][] of(Tensor tensor) {
    TFloat32 t = (TFloat32) tensor;
    long[] dims = t.shape().asArray();
    int n = Math.toIntExact(dims[0]);
    int size = n == 0 ? 0 : Math.toIntExact(t.shape().size() / n);
    float[] flat = new float[Math.toIntExact(t.shape().size())];
    t.copyTo(DataBuffers.of(flat, false, false));
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = Arrays.copyOfRange(flat, i * size, (i + 1) * size);
    }
    return out;
  }

  /** E.g. {@code 784} or {@code 28×28×1 = 784}. */
  static String describe(long[] rowShape) {
    long size = Shape.of(rowShape).size();
    return rowShape.length == 1 ? Long.toString(size)
        : String.join("×", Arrays.stream(rowShape).mapToObj(Long::toString).toList()) + " = " + size;
  }
}
