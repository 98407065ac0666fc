package org.genmodels.shared.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Any bytes given to {@link Npy#read} end in an array or a {@link DatasetException}; anything
 * else thrown fails (an IOException of the in-memory stream too: a short file is a data error).
 * Seeds in {@code NpyFuzzTestInputs/fuzz}; see {@code shared/src/test/fuzz/FUZZING.md}.
 */
class NpyFuzzTest {
  @FuzzTest
  void fuzz(byte[] bytes) throws IOException {
    try {
      Npy.Array a = Npy.read(new ByteArrayInputStream(bytes), "fuzz.npy");
      if (a.descr().equals("<f4")) {
        a.floats();
      }
    } catch (DatasetException expected) {
      // a refusal with a message is a correct answer to a bad file
    }
  }
}
