package org.genmodels.shared.weights;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes given to {@link KerasH5#read(byte[], String)} end in a weights file or a
 * {@link WeightFileException}; anything else thrown (an exception of jhdf's or the JDK's, an
 * OutOfMemoryError from a trusted size, a StackOverflowError) fails. Seeds in
 * {@code KerasH5FuzzTestInputs/fuzz}: copies of the small Keras 2 and Keras 3 files that
 * {@code keras/make_files.py} writes; see {@code shared/src/test/fuzz/FUZZING.md} for how to fuzz.
 */
class KerasH5FuzzTest {
  @FuzzTest
  void fuzz(byte[] bytes) {
    try {
      for (WeightArray a : KerasH5.read(bytes, "fuzz.h5").arrays()) {
        a.floats();
      }
    } catch (WeightFileException expected) {
      // a refusal with a message is a correct answer to a bad file
    }
  }
}
