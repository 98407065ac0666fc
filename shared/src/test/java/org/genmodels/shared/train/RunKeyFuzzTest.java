package org.genmodels.shared.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.testing.FuzzFiles;

/**
 * Any bytes as a checkpoint's {@value RunKey#FILE} end in a stored key (or none) or a
 * {@link UserException}; anything else thrown fails. Seeds in {@code RunKeyFuzzTestInputs/fuzz};
 * see {@code shared/src/test/fuzz/FUZZING.md}.
 */
class RunKeyFuzzTest {
  @FuzzTest
  void fuzz(byte[] bytes) {
    FuzzFiles.write("run/" + RunKey.FILE, bytes);
    try {
      RunKey.read(FuzzFiles.dir().resolve("run")).ifPresent(stored -> stored.key().differences(stored.key()));
    } catch (UserException expected) {
      // a refusal with a message is a correct answer to a bad file
    }
  }
}
