package org.genmodels.shared.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageSetTest {
  @Test
  void grayscaleByDefaultAndChannelsCountInTheImageSize() {
    assertEquals(1, new ImageSet(2, 1, 3, new byte[6], new byte[2]).channels());
    ImageSet rgb = new ImageSet(2, 1, 2, 3, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new byte[2]);
    assertEquals(6, rgb.imageSize());
    assertArrayEquals(new byte[] {7, 8, 9, 10, 11, 12}, rgb.bytes(new int[] {1}));
    ImageSet sub = rgb.subset(new int[] {1});
    assertEquals(3, sub.channels());
    assertArrayEquals(new byte[] {7, 8, 9, 10, 11, 12}, sub.pixels());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ImageSet(2, 1, 2, 3, new byte[6], new byte[2]));
    assertTrue(e.getMessage().contains("expected 2×1×2×3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ImageSet(1, 1, 1, 0, new byte[0], new byte[1]));
  }
}
