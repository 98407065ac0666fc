package org.genmodels.savedmodels;

import java.util.Arrays;

/**
 * Reorders the axes of a row-major (C-order) array, as numpy's {@code transpose(perm)}: the
 * conversions between another framework's layouts and this project's. Output axis {@code k} is
 * input axis {@code perm[k]}. The named conversions:
 * <ul>
 *   <li>{@link #TORCH_CONV}: PyTorch's Conv2d weight {@code [out, in, kh, kw]} → HWIO
 *       {@code [kh, kw, in, out]}; the same permutation takes a ConvTranspose2d weight
 *       {@code [in, out, kh, kw]} to TF's {@code [kh, kw, out, in]} (no flip);</li>
 *   <li>{@link #MATRIX}: a Linear weight {@code [out, in]} → {@code [in, out]};</li>
 *   <li>{@link #NCHW_TO_NHWC}, {@link #NHWC_TO_NCHW}: images.</li>
 * </ul>
 * {@link #inverse} gives the way back. Stateless and thread-safe.
 */
final class TensorLayout {
  static final int[] TORCH_CONV = {2, 3, 1, 0};
  static final int[] MATRIX = {1, 0};
  static final int[] NCHW_TO_NHWC = {0, 2, 3, 1};
  static final int[] NHWC_TO_NCHW = {0, 3, 1, 2};

  private TensorLayout() {
  }

  /** {@code data} of shape {@code shape} with its axes reordered by {@code perm}. */
  static float[] permute(float[] data, int[] shape, int[] perm) {
    int rank = shape.length;
    if (perm.length != rank) {
      throw new IllegalArgumentException("permutation " + Arrays.toString(perm) + " for a shape of rank " + rank);
    }
    long count = 1;
    for (int d : shape) {
      count *= d;
    }
    if (count != data.length) {
      throw new IllegalArgumentException(data.length + " values for shape " + Arrays.toString(shape));
    }
    int[] inStrides = new int[rank];
    int stride = 1;
    for (int k = rank - 1; k >= 0; k--) {
      inStrides[k] = stride;
      stride *= shape[k];
    }
    int[] outShape = permuted(shape, perm);
    // the input stride of each output axis: walking the output in order reads the input at these steps
    int[] step = new int[rank];
    for (int k = 0; k < rank; k++) {
      step[k] = inStrides[perm[k]];
    }
    float[] out = new float[data.length];
    int[] index = new int[rank];
    int from = 0;
    for (int i = 0; i < out.length; i++) {
      out[i] = data[from];
      for (int k = rank - 1; k >= 0; k--) {
        index[k]++;
        from += step[k];
        if (index[k] < outShape[k]) {
          break;
        }
        from -= step[k] * outShape[k];
        index[k] = 0;
      }
    }
    return out;
  }

  /** The shape {@link #permute} gives: {@code shape[perm[k]]} for every k. */
  static int[] permuted(int[] shape, int[] perm) {
    int[] out = new int[perm.length];
    for (int k = 0; k < perm.length; k++) {
      out[k] = shape[perm[k]];
    }
    return out;
  }

  /** The permutation that undoes {@code perm}. */
  static int[] inverse(int[] perm) {
    int[] inv = new int[perm.length];
    for (int k = 0; k < perm.length; k++) {
      inv[perm[k]] = k;
    }
    return inv;
  }
}
