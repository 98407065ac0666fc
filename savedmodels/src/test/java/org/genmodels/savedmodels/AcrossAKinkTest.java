package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link TorchDdpmParity#acrossAKink} on made-up lines: gradients of largest magnitude 2 (1e-4 of
 * it is 2e-4; 10 %, 0.2), against made-up ReLUs.
 */
class AcrossAKinkTest {
  private static final List<ParityLine> OUTPUTS_MATCH = List.of(new ParityLine("eps_eval", 1e-6, 1e-4));

  /** 1e-5 from 0 against a largest 2: at the kink (within 1e-5 of 2). */
  private static final ReluKinks.Kink NEAR_THE_LOSS = new ReluKinks.Kink("up/Relu", Set.of("a", "b", "c", "d"),
      1e-5, 2);
  private static final ReluKinks.Kink NEAR_THE_INPUT = new ReluKinks.Kink("down/Relu", Set.of("a", "b"), 3e-7, 1.5);
  /** 0.01 of 2: not at the kink. */
  private static final ReluKinks.Kink CLEAR_OF_ZERO = new ReluKinks.Kink("first/Relu", Set.of("a"), 0.01, 2);
  private static final List<ReluKinks.Kink> KINKS = List.of(CLEAR_OF_ZERO, NEAR_THE_INPUT, NEAR_THE_LOSS);

  @Test
  void gradientsBehindOneReluAtTheKinkAreHeldWithinTenPercentAndSaySo() {
    Map<String, ParityLine> grads = grads(0.1, 0.15, 1e-5, 1e-5);  // a and b 5 % and 7.5 % off
    Map<String, ParityLine> judged = TorchDdpmParity.acrossAKink(OUTPUTS_MATCH, grads, KINKS);

    assertEquals(List.of("a", "b", "c", "d"), List.copyOf(judged.keySet()));
    // both ReLUs at the kink have a and b behind them: the one with fewer behind it, the earlier
    for (String name : List.of("a", "b")) {
      ParityLine l = judged.get(name);
      assertEquals("grad " + name + " (behind down/Relu, an input 3.0e-07 from 0)", l.what());
      assertEquals(0.2, l.tolerance(), 1e-12);
      assertEquals(grads.get(name).maxAbsDiff(), l.maxAbsDiff());
      assertTrue(l.passes());
    }
    assertSame(grads.get("c"), judged.get("c"), "a line within 1e-4 stays as it was");
  }

  @Test
  void aGradientPastTenPercentBehindTheKinkStillFails() {
    Map<String, ParityLine> judged = TorchDdpmParity.acrossAKink(OUTPUTS_MATCH, grads(0.1, 1e-5, 1e-5, 0.5),
        KINKS);
    assertTrue(judged.get("a").passes());
    assertEquals("grad d (behind up/Relu, an input 1.0e-05 from 0)", judged.get("d").what());
    assertFalse(judged.get("d").passes(), "25 % of its largest magnitude is past 10 %");
  }

  @Test
  void linesStayAsTheyAreWithoutSuchAReluOrWhenAnOutputMisses() {
    Map<String, ParityLine> grads = grads(0.1, 1e-5, 1e-5, 1e-5);
    // a lies behind a ReLU clear of 0 only
    assertSame(grads, TorchDdpmParity.acrossAKink(OUTPUTS_MATCH, grads, List.of(CLEAR_OF_ZERO)));
    assertSame(grads, TorchDdpmParity.acrossAKink(List.of(new ParityLine("eps_eval", 2e-4, 1e-4)), grads, KINKS),
        "an output past its tolerance is no rounding");
    Map<String, ParityLine> withOther = new LinkedHashMap<>(grads);
    withOther.put("e", line("e", 0.1));
    assertSame(withOther, TorchDdpmParity.acrossAKink(OUTPUTS_MATCH, withOther, KINKS),
        "e lies behind neither ReLU at the kink");
    Map<String, ParityLine> allWithin = grads(1e-5, 1e-5, 1e-5, 1e-5);
    assertSame(allWithin, TorchDdpmParity.acrossAKink(OUTPUTS_MATCH, allWithin, KINKS));
  }

  /** Lines a, b, c, d with these differences, each against 1e-4 of a largest magnitude of 2. */
  private static Map<String, ParityLine> grads(double a, double b, double c, double d) {
    Map<String, ParityLine> lines = new LinkedHashMap<>();
    lines.put("a", line("a", a));
    lines.put("b", line("b", b));
    lines.put("c", line("c", c));
    lines.put("d", line("d", d));
    return lines;
  }

  private static ParityLine line(String name, double diff) {
    return new ParityLine("grad " + name, diff, 2e-4, 2);
  }
}
