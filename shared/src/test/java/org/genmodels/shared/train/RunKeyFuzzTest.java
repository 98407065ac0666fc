package org.genmodels.shared.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.testing.FuzzFiles;

/**
 * Any bytes as a checkpoint's {@value RunKey#FILE} end in a stored key (or none) or a
 * {@link UserException}, and so does the {@link ModelConfig} read from them, each value read as
 * every type a model may ask for; anything else thrown fails. Seeds in {@code RunKeyFuzzTestInputs/fuzz};
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
    ModelConfig config;
    try {
      config = ModelConfig.read(FuzzFiles.dir().resolve("run")).orElse(null);
    } catch (UserException expected) {
      return;
    }
    if (config == null) {
      return;
    }
    for (String key : config.values().keySet()) {
      for (Runnable read : new Runnable[] {() -> config.getInt(key), () -> config.getLong(key),
          () -> config.getDouble(key), () -> config.getBoolean(key), () -> config.getInts(key),
          () -> config.getFloats(key), () -> config.getDataset(null)}) {
        try {
          read.run();
        } catch (UserException expected) {
          // an unreadable value is named
        }
      }
    }
  }
}
