package org.genmodels.shared.tf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.Arrays;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.testing.FuzzFiles;
import org.tensorflow.proto.DataType;

/**
 * Any checkpoint — an index ({@link SortedTable}, raw or Snappy blocks, bundle protos) and a data
 * file — given to {@link CheckpointReader} ends in its keys and float values or a
 * {@link UserException}; anything else thrown fails. An input is a 2-byte big-endian index length,
 * the index, then the data file. Seeds in {@code CheckpointReaderFuzzTestInputs/fuzz}; see
 * {@code shared/src/test/fuzz/FUZZING.md}.
 */
class CheckpointReaderFuzzTest {
  @FuzzTest
  void fuzz(byte[] bytes) {
    int indexLength = bytes.length < 2 ? 0 : Math.min(bytes.length - 2, ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff));
    int from = Math.min(2, bytes.length);
    FuzzFiles.write("ckpt/variables.index", Arrays.copyOfRange(bytes, from, from + indexLength));
    FuzzFiles.write("ckpt/variables.data-00000-of-00001", Arrays.copyOfRange(bytes, from + indexLength, bytes.length));
    Path dir = FuzzFiles.dir().resolve("ckpt");
    try {
      CheckpointReader r = CheckpointReader.open(dir);
      for (String key : r.keys()) {
        if (r.require(key).dtype() == DataType.DT_FLOAT) {
          r.floats(key);
        }
      }
    } catch (UserException expected) {
      // a refusal with a message is a correct answer to a bad checkpoint
    }
  }
}
