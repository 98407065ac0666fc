package org.genmodels.shared.tf;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes given to {@link Snappy#decompress} end in the decompressed bytes or in the
 * IllegalArgumentException it documents (message {@code snappy: ...}), which
 * {@link CheckpointReader} turns into a UserException; anything else thrown fails. Seeds in
 * {@code SnappyFuzzTestInputs/fuzz}; see {@code shared/src/test/fuzz/FUZZING.md}.
 */
class SnappyFuzzTest {
  @FuzzTest
  void fuzz(byte[] bytes) {
    try {
      Snappy.decompress(bytes, 0, bytes.length);
    } catch (IllegalArgumentException e) {
      if (e.getClass() != IllegalArgumentException.class || !e.getMessage().startsWith("snappy: ")) {
        throw e;
      }
    }
  }
}
