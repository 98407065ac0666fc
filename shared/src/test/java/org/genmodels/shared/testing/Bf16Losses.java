package org.genmodels.shared.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the models' precision tests ask of a bf16 run's losses beside float32's over the same first
 * steps: finite, within {@code tolerance} of float32's (relative) at every step, falling by at least
 * 10 % from the first step to the last (bf16 learns), and not float32's numbers (bf16 took effect).
 */
public final class Bf16Losses {
  private Bf16Losses() {
  }

  public static void assertTrackFp32(double[] fp32, double[] bf16, double tolerance) {
    assertEquals(fp32.length, bf16.length, "steps");
    for (int i = 0; i < fp32.length; i++) {
      assertTrue(Double.isFinite(bf16[i]), "step " + i + ": " + bf16[i]);
      assertEquals(fp32[i], bf16[i], tolerance * fp32[i], "step " + i);
    }
    int last = fp32.length - 1;
    assertTrue(bf16[last] < 0.9 * bf16[0], bf16[0] + " → " + bf16[last]);
    assertNotEquals(fp32[last], bf16[last], "bf16 computed float32's loss exactly");
  }

  public static void assertTrackFp32(float[] fp32, float[] bf16, double tolerance) {
    assertTrackFp32(widen(fp32), widen(bf16), tolerance);
  }

  private static double[] widen(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
