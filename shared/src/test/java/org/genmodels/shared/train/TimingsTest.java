package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark lines' numbers, against summaries worked out by hand. */
class TimingsTest {
  @Test
  void describeGivesMeanMedianMinAndEachInOrder() {
    // mean (0.5 + 0.2 + 0.3 + 0.4) / 4 = 0.35; median of 0.2, 0.3, 0.4, 0.5 is (0.3 + 0.4) / 2
    assertEquals("0.350 s/epoch mean, 0.350 median, 0.200 min over 4 epochs (60000 images, batch 512)"
        + " [0.500, 0.200, 0.300, 0.400]", Timings.describe(new double[] {0.5, 0.2, 0.3, 0.4}, "epoch",
            "60000 images, batch 512"));
    // odd count: the middle one; mean (3 + 1 + 8) / 3 = 4
    assertEquals("4.000 s/step mean, 3.000 median, 1.000 min over 3 steps (batch 4) [3.000, 1.000, 8.000]",
        Timings.describe(new double[] {3, 1, 8}, "step", "batch 4"));
  }

  @Test
  void ratesAreItemsOverTheMedianAndTheSlowestTime() {
    // 10 000 images: median of 0.04, 0.05, 0.08 is 0.05 → 200 000/s; slowest 0.08 → 125 000/s
    assertEquals("200,000 images/s median, 125,000 slowest",
        Timings.rates(new double[] {0.08, 0.04, 0.05}, 10_000, "images"));
    // 64 images in 16 s and 20 s: median 18 s → 3.56/s, slowest 3.20/s
    assertEquals("3.56 images/s median, 3.20 slowest", Timings.rates(new double[] {16, 20}, 64, "images"));
  }

  @Test
  void eachCallsInOrderAndTimesEveryCall() {
    List<Integer> calls = new ArrayList<>();
    double[] seconds = Timings.each(3, calls::add);
    assertEquals(List.of(0, 1, 2), calls);
    assertEquals(3, seconds.length);
    assertArrayEquals(new double[0], Timings.each(0, calls::add));
  }

  @Test
  void nothingTimedIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Timings.describe(new double[0], "epoch", ""));
    assertEquals("no times to summarise: give at least one timed run", e.getMessage());
  }
}
