package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.genmodels.shared.cli.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged {@code run.properties} is refused with a message, found by fuzzing (bytes that are not UTF-8). */
class RunKeyTest {
  @TempDir
  Path tmp;

  @Test
  void bytesThatAreNotUtf8AreACorruptFileNotAnIoError() throws IOException {
    Files.write(tmp.resolve(RunKey.FILE), new byte[] {'d', 'a', 't', 'a', 's', 'e', 't', '=', (byte) 0xff});
    UserException e = assertThrows(UserException.class, () -> RunKey.read(tmp));
    assertTrue(e.getMessage().contains("is corrupt (not UTF-8 text)") && e.getMessage().contains("delete the checkpoint"),
        e.getMessage());
  }

  @Test
  void aNumberThatIsNotOneIsACorruptFile() throws IOException {
    Files.writeString(tmp.resolve(RunKey.FILE), "dataset=mnist\ntrain_images=x\nbatch_size=1\nseed=1\nstep=0\nfinished=true\n");
    UserException e = assertThrows(UserException.class, () -> RunKey.read(tmp));
    assertTrue(e.getMessage().contains("is corrupt (For input string: \"x\")"), e.getMessage());
  }
}
