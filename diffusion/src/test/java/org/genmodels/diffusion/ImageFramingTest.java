package org.genmodels.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.genmodels.shared.testing.Fetch;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** MNIST's 28 × 28 padded to 32 × 32 with background −1, gray to RGB, and larger images resized. */
class ImageFramingTest {
  private static float[][][][] ramp(int h, int w, int c) {
    float[][][][] x = new float[1][h][w][c];
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < w; j++) {
        for (int k = 0; k < c; k++) {
          x[0][i][j][k] = (i * w + j) / (float) (h * w) + k;
        }
      }
    }
    return x;
  }

  @Test
  void mnistIsPaddedEvenlyWithMinusOne() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      float[][][][] x = ramp(28, 28, 1);
      Operand<TFloat32> y = ImageFraming.frame(tf, tf.constant(x), 32, 1, -1f);
      assertArrayEquals(new long[] {1, 32, 32, 1}, y.shape().asArray());
      float[] v = Fetch.floats(s, y);
      for (int i = 0; i < 32; i++) {
        for (int j = 0; j < 32; j++) {
          boolean inside = i >= 2 && i < 30 && j >= 2 && j < 30;
          assertEquals(inside ? x[0][i - 2][j - 2][0] : -1f, v[i * 32 + j], "pixel " + i + "," + j);
        }
      }
    }
  }

  @Test
  void grayFeedsAnRgbNetworkAndOddMarginsGoBottomRight() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> y = ImageFraming.frame(tf, tf.constant(ramp(5, 6, 1)), 8, 3, -1f);
      float[] v = Fetch.floats(s, y);
      // rows: 1 above, 2 below; columns: 1 left, 1 right
      assertEquals(-1f, v[(0 * 8 + 3) * 3]);
      assertEquals(0f, v[(1 * 8 + 1) * 3 + 2]);
      assertEquals(-1f, v[(6 * 8 + 3) * 3 + 1]);
      assertEquals(29 / 30f, v[(5 * 8 + 6) * 3 + 1], 1e-7);
    }
  }

  @Test
  void largerImagesAreResizedAndChannelMismatchesRefused() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> y = ImageFraming.frame(tf, tf.constant(ramp(64, 48, 3)), 32, 3, -1f);
      assertArrayEquals(new long[] {1, 32, 32, 3}, y.shape().asArray());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ImageFraming.frame(tf, tf.constant(ramp(8, 8, 3)), 8, 1, -1f));
      assertEquals(true, e.getMessage().contains("--channels 3"), e.getMessage());
    }
  }
}
