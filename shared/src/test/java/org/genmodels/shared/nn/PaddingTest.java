package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaddingTest {
  @Test
  void attributes() {
    assertEquals("SAME", Padding.SAME.attribute());
    assertEquals("VALID", Padding.VALID.attribute());
    assertEquals("EXPLICIT", Padding.explicit(2).attribute());
    assertEquals(List.of(0L, 0L, 2L, 2L, 2L, 2L, 0L, 0L), Padding.explicit(2).explicitPaddings());
    assertEquals(List.of(), Padding.SAME.explicitPaddings());
    assertEquals(List.of(), Padding.VALID.explicitPaddings());
    assertThrows(IllegalArgumentException.class, () -> Padding.explicit(-1));
  }

  @Test
  void convOutputSizes() {
    Padding p1 = Padding.explicit(1);
    assertEquals(14, p1.convOutput(28, 4, 2));
    assertEquals(7, p1.convOutput(14, 4, 2));
    assertEquals(28, p1.convOutput(28, 3, 1));
    assertEquals(3, p1.convOutput(7, 4, 2));
    assertEquals(14, Padding.SAME.convOutput(28, 4, 2));
    assertEquals(7, Padding.SAME.convOutput(14, 4, 2));
    assertEquals(4, Padding.SAME.convOutput(7, 4, 2));
    assertEquals(3, Padding.SAME.convOutput(7, 1, 3));
    assertEquals(13, Padding.VALID.convOutput(28, 4, 2));
    assertEquals(2, Padding.VALID.convOutput(4, 3, 1));
    assertEquals(1, Padding.VALID.convOutput(3, 3, 1));
    assertEquals(2, Padding.explicit(0).convOutput(4, 3, 1));
    assertThrows(IllegalArgumentException.class, () -> Padding.VALID.convOutput(2, 3, 1));
    assertThrows(IllegalArgumentException.class, () -> Padding.explicit(0).convOutput(2, 3, 1));
  }

  @Test
  void transposedOutputSizes() {
    Padding p1 = Padding.explicit(1);
    assertEquals(14, p1.transposedOutput(7, 4, 2));
    assertEquals(28, p1.transposedOutput(14, 4, 2));
    assertEquals(6, p1.transposedOutput(3, 4, 2));
    assertEquals(28, p1.transposedOutput(28, 3, 1));
    assertEquals(14, Padding.SAME.transposedOutput(7, 4, 2));
    assertEquals(28, Padding.SAME.transposedOutput(14, 4, 2));
    assertEquals(16, Padding.VALID.transposedOutput(7, 4, 2));
    assertEquals(4, Padding.VALID.transposedOutput(2, 2, 2));
    assertEquals(9, Padding.VALID.transposedOutput(7, 3, 1));
    // PyTorch: (in − 1)·s − 2p + k
    assertEquals(6, Padding.explicit(2).transposedOutput(4, 4, 2));
    assertThrows(IllegalArgumentException.class, () -> Padding.explicit(3).transposedOutput(1, 4, 2));
  }

  /** A transposed conv's output size is one whose conv has the input's size. */
  @Test
  void transposedOutputInvertsConvOutput() {
    for (int k = 1; k <= 5; k++) {
      for (int s = 1; s <= 3; s++) {
        for (int in = 1; in <= 12; in++) {
          for (Padding p : List.of(Padding.SAME, Padding.VALID, Padding.explicit(0), Padding.explicit(1),
              Padding.explicit(2))) {
            long out;
            try {
              out = p.transposedOutput(in, k, s);
            } catch (IllegalArgumentException e) {
              continue;
            }
            assertEquals(in, p.convOutput(out, k, s), p + " k" + k + " s" + s + " in " + in);
          }
        }
      }
    }
  }

  @Test
  void simplifiedOnlyWhereSamePadsAlike() {
    Padding p1 = Padding.explicit(1);
    assertSame(Padding.SAME, p1.simplified(28, 14, 4, 2));
    assertSame(Padding.SAME, p1.simplified(14, 7, 4, 2));
    assertSame(Padding.SAME, p1.simplified(28, 28, 3, 1));
    assertSame(Padding.SAME, Padding.explicit(2).simplified(9, 9, 5, 1));
    assertSame(p1, p1.simplified(7, 3, 4, 2));        // SAME would give 4
    assertSame(p1, p1.simplified(4, 2, 3, 2));        // SAME pads 0 on top, 1 below
    assertSame(p1, p1.simplified(6, 6, 5, 1));        // SAME would pad 2
    Padding p0 = Padding.explicit(0);
    assertSame(p0, p0.simplified(5, 3, 3, 1));
    assertSame(Padding.SAME, Padding.SAME.simplified(7, 4, 4, 2));
    assertSame(Padding.VALID, Padding.VALID.simplified(7, 2, 4, 2));
  }

  /**
   * Exhaustively: where {@code simplified} says SAME, TF's SAME (output {@code ceil(in/s)}, top pad
   * {@code ⌊total/2⌋}) has the explicit output size and pads {@code p} on top — the windows are the
   * same; and it says SAME wherever that holds.
   */
  @Test
  void simplifiedAgreesWithTheSameFormula() {
    for (int k = 1; k <= 6; k++) {
      for (int s = 1; s <= 3; s++) {
        for (int p = 0; p <= 3; p++) {
          for (int in = 1; in <= 30; in++) {
            Padding explicit = Padding.explicit(p);
            long out;
            try {
              out = explicit.convOutput(in, k, s);
            } catch (IllegalArgumentException e) {
              continue;
            }
            long sameOut = (in + s - 1) / s;
            long sameTop = Math.max((sameOut - 1) * s + k - in, 0) / 2;
            boolean alike = sameOut == out && sameTop == p;
            String what = "k" + k + " s" + s + " p" + p + " in " + in;
            assertEquals(alike ? Padding.SAME : explicit, explicit.simplified(in, out, k, s), what);
          }
        }
      }
    }
  }
}
