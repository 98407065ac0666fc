package org.genmodels.shared.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BatcherTest {
  @Test
  void keepsOrDropsThePartialLastBatch() {
    Batcher keep = new Batcher(60000, 512, true, false, 1);
    assertEquals(118, keep.steps());
    int[][] batches = keep.epoch(0);
    assertEquals(60000 - 117 * 512, batches[117].length);
    Batcher drop = new Batcher(60000, 64, true, true, 1);
    assertEquals(937, drop.steps());
    assertEquals(937, drop.epoch(3).length);
    assertEquals(64, drop.epoch(3)[936].length);
  }

  @Test
  void everyExampleOncePerEpoch() {
    Batcher b = new Batcher(1000, 64, true, false, 7);
    int[] seen = new int[1000];
    for (int[] batch : b.epoch(2)) {
      for (int i : batch) {
        seen[i]++;
      }
    }
    int[] once = new int[1000];
    Arrays.fill(once, 1);
    assertArrayEquals(once, seen);
  }

  @Test
  void sameSeedAndEpochSameOrderOtherwiseDifferent() {
    Batcher a = new Batcher(500, 50, true, false, 3);
    Batcher b = new Batcher(500, 50, true, false, 3);
    assertArrayEquals(a.epoch(4)[0], b.epoch(4)[0]);
    assertFalse(Arrays.equals(a.epoch(4)[0], a.epoch(5)[0]));
    assertFalse(Arrays.equals(a.epoch(4)[0], new Batcher(500, 50, true, false, 4).epoch(4)[0]));
  }

  @Test
  void noShuffleKeepsOrder() {
    int[][] batches = new Batcher(5, 2, false, false, 0).epoch(9);
    assertArrayEquals(new int[][] {{0, 1}, {2, 3}, {4}}, batches);
  }

  @Test
  void rejectsBadSizes() {
    assertThrows(IllegalArgumentException.class, () -> new Batcher(10, 0, true, false, 0));
    assertThrows(IllegalArgumentException.class, () -> new Batcher(10, 11, true, true, 0));
  }
}
