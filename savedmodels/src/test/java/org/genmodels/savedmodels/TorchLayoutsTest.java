package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The layout conversions on arrays small enough to write out by hand. */
class TorchLayoutsTest {
  @Test
  void linearTransposesOutInToInOut() {
    // [[1, 2, 3], [4, 5, 6]] (2 outputs, 3 inputs) → [[1, 4], [2, 5], [3, 6]]
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, TorchLayouts.linear(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
  }

  @Test
  void convMovesOutAndInBehindTheTaps() {
    // [out 2, in 1, 1, 2]: out 0 taps (1, 2), out 1 taps (3, 4) → HWIO [1, 2, 1, 2]: tap 0 (1, 3), tap 1 (2, 4)
    assertArrayEquals(new float[] {1, 3, 2, 4}, TorchLayouts.conv(new float[] {1, 2, 3, 4}, 2, 1, 1, 2));
  }

  @Test
  void convTransposeGivesKhKwOutIn() {
    // [in 2, out 1, 1, 2]: in 0 taps (1, 2), in 1 taps (3, 4) → [1, 2, out 1, in 2]: tap 0 (1, 3), tap 1 (2, 4)
    assertArrayEquals(new float[] {1, 3, 2, 4}, TorchLayouts.convTranspose(new float[] {1, 2, 3, 4}, 2, 1, 1, 2));
    // [in 1, out 2, 1, 2]: out 0 taps (1, 2), out 1 taps (3, 4) → tap 0 (1, 3), tap 1 (2, 4) as [out, in]
    assertArrayEquals(new float[] {1, 3, 2, 4}, TorchLayouts.convTranspose(new float[] {1, 2, 3, 4}, 1, 2, 1, 2));
  }

  @Test
  void flattenOrderGoesFromChannelsFirstToChannelsLast() {
    // one output reading [c 2, h 1, w 2]: a0 a1 (channel a), b0 b1 → NHWC inputs a0 b0 a1 b1
    float[] w = {10, 11, 20, 21};
    assertArrayEquals(new float[] {10, 20, 11, 21}, TorchLayouts.denseFromChw(w, 1, 2, 1, 2));
    // outputs [c 2, h 1, w 2] of one input: a0 a1 b0 b1 → NHWC outputs a0 b0 a1 b1
    assertArrayEquals(new float[] {10, 20, 11, 21}, TorchLayouts.denseToChw(w, 1, 2, 1, 2));
    assertArrayEquals(new float[] {10, 20, 11, 21}, TorchLayouts.biasToChw(w, 2, 1, 2));
    // two inputs: weight [4 outputs, 2 inputs] → kernel [2, 4], columns in NHWC order
    float[] two = {1, 2, 3, 4, 5, 6, 7, 8};
    assertArrayEquals(new float[] {1, 5, 3, 7, 2, 6, 4, 8}, TorchLayouts.denseToChw(two, 2, 2, 1, 2));
  }
}
