package org.genmodels.shared.weights;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.genmodels.shared.testing.FuzzFiles;

/**
 * Any bytes given to {@link TorchStateDict#read} end in a state dict or a
 * {@link WeightFileException}; anything else thrown (an unchecked exception of the JDK or
 * Pyrolite, an OutOfMemoryError, a StackOverflowError) fails. Seeds in
 * {@code TorchStateDictFuzzTestInputs/fuzz}; see {@code shared/src/test/fuzz/FUZZING.md} for how to fuzz.
 */
class TorchStateDictFuzzTest {
  @FuzzTest
  void fuzz(byte[] bytes) {
    try {
      for (WeightArray a : TorchStateDict.read(FuzzFiles.write("fuzz.pt", bytes)).arrays()) {
        a.floats();
      }
    } catch (WeightFileException expected) {
      // a refusal with a message is a correct answer to a bad file
    }
  }
}
