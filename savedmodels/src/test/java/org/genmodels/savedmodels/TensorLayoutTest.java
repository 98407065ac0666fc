package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link TensorLayout#permute} against hand-written transposes. */
class TensorLayoutTest {
  @Test
  void aMatrixIsTransposed() {
    // [[1, 2, 3], [4, 5, 6]] → [[1, 4], [2, 5], [3, 6]]
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6},
        TensorLayout.permute(new float[] {1, 2, 3, 4, 5, 6}, new int[] {2, 3}, TensorLayout.MATRIX));
  }

  /** A [2, 1, 2, 2] "Conv2d weight" [out, in, kh, kw] to [kh, kw, in, out], every element by hand. */
  @Test
  void aConvWeightBecomesHwio() {
    // value = 1000·o + 100·i + 10·a + b
    float[] torch = {0, 1, 10, 11, 1000, 1001, 1010, 1011};
    float[] hwio = TensorLayout.permute(torch, new int[] {2, 1, 2, 2}, TensorLayout.TORCH_CONV);
    // [a][b][i][o]: (a, b) = (0, 0): o 0, 1; (0, 1): …
    assertArrayEquals(new float[] {0, 1000, 1, 1001, 10, 1010, 11, 1011}, hwio);
    assertArrayEquals(new int[] {2, 2, 1, 2}, TensorLayout.permuted(new int[] {2, 1, 2, 2}, TensorLayout.TORCH_CONV));
  }

  @Test
  void imagesGoToChannelsLastAndBack() {
    // one image, 2 channels, 1 × 3: c0 = (1, 2, 3), c1 = (4, 5, 6) → pixels (1, 4), (2, 5), (3, 6)
    float[] nchw = {1, 2, 3, 4, 5, 6};
    float[] nhwc = TensorLayout.permute(nchw, new int[] {1, 2, 1, 3}, TensorLayout.NCHW_TO_NHWC);
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, nhwc);
    assertArrayEquals(nchw, TensorLayout.permute(nhwc, new int[] {1, 1, 3, 2}, TensorLayout.NHWC_TO_NCHW));
  }

  @Test
  void theInverseUndoesAPermutation() {
    int[] perm = {2, 0, 3, 1};
    int[] shape = {2, 3, 4, 5};
    float[] x = new float[120];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    float[] y = TensorLayout.permute(x, shape, perm);
    assertArrayEquals(x, TensorLayout.permute(y, TensorLayout.permuted(shape, perm), TensorLayout.inverse(perm)));
    assertArrayEquals(TensorLayout.NHWC_TO_NCHW, TensorLayout.inverse(TensorLayout.NCHW_TO_NHWC));
    // element (1, 2, 3, 4) of x lands at (3, 1, 4, 2) of y, shape [4, 2, 5, 3]
    assertEquals(((1 * 3 + 2) * 4 + 3) * 5 + 4, y[((3 * 2 + 1) * 5 + 4) * 3 + 2]);
  }
}
