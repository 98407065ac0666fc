package org.genmodels.shared.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.genmodels.shared.testing.FuzzFiles;

/**
 * Any bytes, gzipped or not, given to {@link Idx#read} as labels (rank 1) and as images (rank 3)
 * end in an array or a {@link DatasetException}; anything else thrown fails. Seeds in
 * {@code IdxFuzzTestInputs/fuzz}; see {@code shared/src/test/fuzz/FUZZING.md}.
 */
class IdxFuzzTest {
  @FuzzTest
  void fuzz(byte[] bytes) {
    Path file = FuzzFiles.write("fuzz-idx-ubyte", bytes);
    for (int rank : new int[] {1, 3}) {
      try {
        Idx.read(file, rank);
      } catch (DatasetException expected) {
        // a refusal with a message is a correct answer to a bad file
      }
    }
  }
}
