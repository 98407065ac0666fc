package org.genmodels.shared.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JudgeInputTest {
  @Test
  void cropsTheCentreAndMapsToUnit() {
    int n = 2;
    float[] images = new float[n * 32 * 32];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < 32; r++) {
        for (int c = 0; c < 32; c++) {
          boolean border = r < 2 || r >= 30 || c < 2 || c >= 30;
          // inside the crop, pixel (r, c) of the 28 × 28 image is (r − 2, c − 2)
          images[(i * 32 + r) * 32 + c] = border ? 5f : ((r - 2) * 28 + (c - 2)) / 784f * 2 - 1 + i * 0.001f;
        }
      }
    }
    float[] out = JudgeInput.fromSymmetric(images, n, 32);
    assertEquals(n * 784, out.length);
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < 784; p++) {
        float expected = Math.min(1f, (p / 784f * 2 - 1 + i * 0.001f + 1) / 2);
        assertEquals(expected, out[i * 784 + p], 1e-6, "image " + i + " pixel " + p);
      }
    }
  }

  @Test
  void clampsOvershootKeepsNanAndRefusesWrongSizes() {
    float[] images = new float[784];
    images[0] = -1.3f;
    images[1] = 1.2f;
    images[2] = Float.NaN;
    float[] out = JudgeInput.fromSymmetric(images, 1, 28);
    assertEquals(0f, out[0]);
    assertEquals(1f, out[1]);
    assertTrue(Float.isNaN(out[2]));
    assertEquals(0.5f, out[3]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JudgeInput.fromSymmetric(new float[1000], 1, 32));
    assertTrue(e.getMessage().contains("expected 1 images of 32 × 32 (1024 values), got 1000"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> JudgeInput.fromSymmetric(new float[0], 0, 20));
  }
}
