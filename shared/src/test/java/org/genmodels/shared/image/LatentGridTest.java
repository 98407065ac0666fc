package org.genmodels.shared.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class LatentGridTest {
  @Test
  void gridIsTheInverseNormalCdfOfTheLinspace() {
    // scipy 1.17: norm.ppf(np.linspace(0.05, 0.95, 15))
    double[] scipy15 = {-1.6448536269514729, -1.204046960026702, -0.920822976368379, -0.697141434846342,
        -0.5039653672113454, -0.3280721075316513, -0.16184416680396227, -1.3914582123358836e-16,
        0.16184416680396213, 0.3280721075316511, 0.5039653672113453, 0.6971414348463417,
        0.9208229763683788, 1.2040469600267016, 1.6448536269514722};
    assertArrayEquals(scipy15, LatentGrid.normalQuantiles(15), 1e-12);
    // and for n = 20, its ends and middle pair
    double[] grid20 = LatentGrid.normalQuantiles(20);
    assertArrayEquals(new double[] {-1.6448536269514729, -0.05940242833250653, 0.059402428332506245,
        1.6448536269514722}, new double[] {grid20[0], grid20[9], grid20[10], grid20[19]}, 1e-12);
  }

  @Test
  void pointsGoRowByRowWithYPerRow() {
    float[] z = LatentGrid.points(new double[] {-1, 0, 1}, new double[] {10, 20});
    assertArrayEquals(new float[] {-1, 10, 0, 10, 1, 10, -1, 20, 0, 20, 1, 20}, z);
  }
}
