package org.genmodels.savedmodels.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The Markdown table, its medians, ratios and arithmetic limit worked out by hand. */
class SideBySideTableTest {
  @Test
  void formatsMediansRatiosAndTheDenseLimit() {
    // ae: Java median of 0.74, 0.70 = 0.72, PyTorch of 0.97, 1.01 = 0.99, ratio 0.7273; round by
    // round 0.74 / 0.97 = 0.7629 and 0.70 / 1.01 = 0.6931;
    // 169.94304 GFLOP at 100 GFLOP/s = 1.699 s, Java 0.72 / 1.6994 = 0.42×.
    // ddpm step: one round, 0.38 / 0.63 = 0.603, no limit.
    String table = SideBySideTable.format(List.of(
        new Comparison("ae", "s per epoch", List.of(0.74, 0.70), List.of(0.97, 1.01),
            OptionalDouble.of(169_943_040_000.0)),
        new Comparison("diffusion", "s per step, batch 128", List.of(0.38), List.of(0.63), OptionalDouble.empty())),
        100.0);
    assertEquals(String.join("\n",
        "| model | time | Java | PyTorch | Java / PyTorch | SGEMM peak GFLOP/s | arithmetic limit | Java / limit |",
        "|---|---|---|---|---|---|---|---|",
        "| ae | s per epoch | 0.720 (0.700–0.740) | 0.990 (0.970–1.010) | 0.73 (0.69–0.76) | 100 | 1.699 | 0.4× |",
        "| diffusion | s per step, batch 128 | 0.380 | 0.630 | 0.60 | 100 | — | — |",
        ""), table);
  }

  @Test
  void theMedianOfThreeRoundsIsTheMiddleOne() {
    Comparison c = new Comparison("vae", "s per epoch", List.of(0.5, 0.3, 0.4), List.of(0.6, 0.9, 0.8),
        OptionalDouble.empty());
    assertEquals(0.4, c.javaSeconds(), 0.0);
    assertEquals(0.8, c.peerSeconds(), 0.0);
    assertEquals(0.5, c.ratio(), 1e-15);
    // each round's Java over the same round's peer, not the medians' pairing
    List<Double> rounds = c.roundRatios();
    assertEquals(3, rounds.size());
    assertEquals(0.5 / 0.6, rounds.get(0), 1e-15);
    assertEquals(0.3 / 0.9, rounds.get(1), 1e-15);
    assertEquals(0.4 / 0.8, rounds.get(2), 1e-15);
    assertEquals("0.50 (0.33–0.83)", SideBySideTable.ratio(c));
  }

  @Test
  void roundsMustPairUp() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Comparison("cvae",
        "s per epoch", List.of(30.0, 31.0), List.of(90.0), OptionalDouble.empty()));
    assertEquals("rounds pair up: 2 Java times, 1 of the peer", e.getMessage());
  }
}
