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
  void aOneEpochCurveGetsAPaddedAxisWithShortLabels() {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("train", new double[] {363.947594921875});
    series.put("test", new double[] {298.1861});
    org.knowm.xchart.XYChart chart = Plots.learningCurveChart("c", "loss", series);
    // range 65.76, padded by 5 % each side: ticks a tenth of 72.3 apart need no decimals
    assertEquals(298.1861 - 0.05 * 65.761494921875, chart.getStyler().getYAxisMin(), 1e-9);
    assertEquals(363.947594921875 + 0.05 * 65.761494921875, chart.getStyler().getYAxisMax(), 1e-9);
    assertEquals("#,##0", chart.getStyler().getYAxisDecimalPattern());
    assertEquals("#", chart.getStyler().getXAxisDecimalPattern());

    series.clear();
    series.put("train", new double[] {363.947594921875});
    chart = Plots.learningCurveChart("c", "loss", series);
    // a single value: ±1 % of it, labels to the tenth (tick step 0.728)
    assertEquals(363.947594921875 * 0.99, chart.getStyler().getYAxisMin(), 1e-9);
    assertEquals(363.947594921875 * 1.01, chart.getStyler().getYAxisMax(), 1e-9);
    assertEquals("#,##0.0", chart.getStyler().getYAxisDecimalPattern());
    assertEquals(800, Plots.learningCurves("c", "loss", series).getWidth());
  }

  @Test
  void decimalPatternsFollowTheTickStep() {
    assertEquals("#,##0", Plots.decimalPattern(2.5));
    assertEquals("#,##0.0", Plots.decimalPattern(0.5));
    assertEquals("#,##0.00", Plots.decimalPattern(0.01));
    assertEquals("#,##0.000", Plots.decimalPattern(0.0042));
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
