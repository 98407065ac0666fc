package org.genmodels.shared.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HorizontalFlipTest {
  @Test
  void theSameSeedAndKeyGiveTheSameFlipsAndHalfAreFlipped() {
    boolean[] a = new HorizontalFlip(7).draw(42, 10_000);
    assertArrayEquals(a, new HorizontalFlip(7).draw(42, 10_000));
    assertFalse(Arrays.equals(a, new HorizontalFlip(7).draw(43, 10_000)));
    assertFalse(Arrays.equals(a, new HorizontalFlip(8).draw(42, 10_000)));
    int flipped = 0;
    for (boolean f : a) {
      flipped += f ? 1 : 0;
    }
    assertEquals(5000, flipped, 200, "about half");
  }

  @Test
  void theBatchKeyDependsOnTheIndicesAndTheirOrder() {
    assertEquals(HorizontalFlip.key(new int[] {3, 1, 2}), HorizontalFlip.key(new int[] {3, 1, 2}));
    assertNotEquals(HorizontalFlip.key(new int[] {3, 1, 2}), HorizontalFlip.key(new int[] {1, 3, 2}));
    assertNotEquals(HorizontalFlip.key(new int[] {3, 1, 2}), HorizontalFlip.key(new int[] {3, 1, 2, 0}));
  }

  @Test
  void aFlipReversesEveryRowKeepingChannelsTogether() {
    int n = 2;
    int h = 2;
    int w = 3;
    int c = 3;
    byte[] images = new byte[n * h * w * c];
    float[] floats = new float[images.length];
    for (int i = 0; i < images.length; i++) {
      images[i] = (byte) i;
      floats[i] = i;
    }
    boolean[] which = {true, false};
    HorizontalFlip.apply(images, which, h, w, c);
    HorizontalFlip.apply(floats, which, h, w, c);
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < h; r++) {
        for (int x = 0; x < w; x++) {
          int sourceX = which[i] ? w - 1 - x : x;
          for (int ch = 0; ch < c; ch++) {
            int at = ((i * h + r) * w + x) * c + ch;
            int from = ((i * h + r) * w + sourceX) * c + ch;
            assertEquals(from, images[at], "image " + i + " row " + r + " column " + x + " channel " + ch);
            assertEquals(from, floats[at]);
          }
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> HorizontalFlip.apply(new byte[10], which, h, w, c));
  }

  @Test
  void aBatchIsTheSetsBytesFlippedAsDrawnForItsKey() {
    int n = 6;
    byte[] pixels = new byte[n * 2 * 2 * 3];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7);
    }
    ImageSet set = new ImageSet(n, 2, 2, 3, pixels, new byte[n]);
    int[] indices = {5, 0, 3, 2};
    HorizontalFlip flip = new HorizontalFlip(1);
    byte[] batch = flip.batch(set, indices);
    boolean[] which = flip.draw(HorizontalFlip.key(indices), indices.length);
    byte[] expected = set.bytes(indices);
    HorizontalFlip.apply(expected, which, 2, 2, 3);
    assertArrayEquals(expected, batch);
    assertArrayEquals(batch, flip.batch(set, indices), "a rerun flips alike");
    assertTrue(Arrays.equals(set.bytes(indices), batch) == !anyTrue(which), "flipped only where drawn");
  }

  private static boolean anyTrue(boolean[] which) {
    for (boolean b : which) {
      if (b) {
        return true;
      }
    }
    return false;
  }
}
