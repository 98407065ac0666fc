package org.genmodels.shared.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * Values derived by hand from the tent filter PIL's bilinear resize uses: output pixel i has its
 * centre at source position {@code (i + 0.5) · in/out}, and source pixel j (centre j + 0.5)
 * weighs {@code max(0, 1 − |j + 0.5 − centre| / s)}, s = max(in/out, 1), the weights normalised.
 */
class BilinearResizeTest {
  private static RgbImage gray(int width, int height, int... values) {
    byte[] rgb = new byte[values.length * 3];
    for (int p = 0; p < values.length; p++) {
      rgb[3 * p] = (byte) values[p];
      rgb[3 * p + 1] = (byte) values[p];
      rgb[3 * p + 2] = (byte) values[p];
    }
    return new RgbImage(width, height, rgb);
  }

  private static int[] firstChannel(byte[] rgb) {
    int[] out = new int[rgb.length / 3];
    for (int p = 0; p < out.length; p++) {
      out[p] = rgb[3 * p] & 0xFF;
    }
    return out;
  }

  /**
   * 4 → 2 (s = 2): output 0 is centred at 1.0, the sources at 0.5, 1.5, 2.5, 3.5 weigh 0.75, 0.75,
   * 0.25, 0, so (3a + 3b + c)/7; output 1 (centre 3.0) is (b + 3c + 3d)/7. With 0, 70, 140, 210:
   * 350/7 = 50 and 1120/7 = 160.
   */
  @Test
  void downscalingAveragesWithTheWidenedTent() {
    assertArrayEquals(new int[] {50, 160}, firstChannel(BilinearResize.resize(gray(4, 1, 0, 70, 140, 210), 2, 1)));
    assertArrayEquals(new int[] {50, 160}, firstChannel(BilinearResize.resize(gray(1, 4, 0, 70, 140, 210), 1, 2)));
  }

  /**
   * 2 → 4 (s = 1): centres 0.25, 0.75, 1.25, 1.75 between sources at 0.5 and 1.5: 0.25 is left of
   * the first source, whose only tap is itself (0); 0.75 gives 0.75·a + 0.25·b = 25; then 75; 100.
   */
  @Test
  void upscalingInterpolatesAndClampsAtTheEdges() {
    assertArrayEquals(new int[] {0, 25, 75, 100}, firstChannel(BilinearResize.resize(gray(2, 1, 0, 100), 4, 1)));
  }

  @Test
  void sameSizeIsTheIdentityAndChannelsStaySeparate() {
    byte[] rgb = new byte[3 * 2 * 3];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) (i * 13 + 7);
    }
    assertArrayEquals(rgb, BilinearResize.resize(new RgbImage(3, 2, rgb), 3, 2));
  }
}
