package org.genmodels.shared.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlotsTest {
  @Test
  void learningCurveHasTheExpectedSize() {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("train", new double[] {3, 2, 1.5});
    series.put("test", new double[] {2.5, 2, 1.8});
    BufferedImage img = Plots.learningCurves("Learning curve", "loss", series);
    assertEquals(800, img.getWidth());
    assertEquals(600, img.getHeight());
    assertTrue(colours(img) > 4, "a drawn chart has several colours");
  }

  @Test
  void scatterHasTheExpectedSizeAndUsesTheClassColours() {
    float[] x = {0, 1, 2, 3};
    float[] y = {0, 1, 0, 1};
    BufferedImage img = Plots.scatter("t", "z[0]", "z[1]", x, y, new int[] {0, 1, 1, 2},
        List.of("a", "b", "c"), Plots.TAB10);
    assertEquals(800, img.getWidth());
    assertEquals(700, img.getHeight());
    boolean blue = false;
    for (int i = 0; i < img.getWidth() && !blue; i++) {
      for (int j = 0; j < img.getHeight() && !blue; j++) {
        blue = (img.getRGB(i, j) & 0xFFFFFF) == 0x1f77b4;
      }
    }
    assertTrue(blue, "class 0 is drawn in tab10 blue");
  }

  private static int colours(BufferedImage img) {
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int i = 0; i < img.getWidth(); i += 7) {
      for (int j = 0; j < img.getHeight(); j += 7) {
        seen.add(img.getRGB(i, j));
      }
    }
    return seen.size();
  }
}
