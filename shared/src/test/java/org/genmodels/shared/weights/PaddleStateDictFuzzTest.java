package org.genmodels.shared.weights;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.genmodels.shared.testing.FuzzFiles;

/**
 * Any bytes given to {@link PaddleStateDict#read} end in a state dict or a
 * {@link WeightFileException}; anything else thrown fails. Seeds in
 * {@code PaddleStateDictFuzzTestInputs/fuzz}; see {@code shared/src/test/fuzz/FUZZING.md}.
 */
class PaddleStateDictFuzzTest {
  @FuzzTest
  void fuzz(byte[] bytes) {
    try {
      for (WeightArray a : PaddleStateDict.read(FuzzFiles.write("fuzz.pdparams", bytes)).arrays()) {
        a.floats();
      }
    } catch (WeightFileException expected) {
      // a refusal with a message is a correct answer to a bad file
    }
  }
}
