package org.genmodels.shared.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.testing.FileHashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  private static final DirectoryKind LETTERS = DirectoryKind.of("letters folder", "pick another", "a", "b", "c");
  /** {@code printf 1 | sha256sum}. */
  private static final String SHA256_OF_1 = "6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b";

  @TempDir
  Path tmp;

  @Test
  void failedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
    Path target = tmp.resolve("model.ckpt");
    Files.writeString(target, "good");
    assertThrows(IOException.class, () -> AtomicFiles.writeStream(target, out -> {
      out.write("half".getBytes());
      throw new IOException("disk full");
    }));
    assertEquals("good", Files.readString(target));
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void directoryIsReplacedWhole() throws IOException {
    Path target = tmp.resolve("export");
    AtomicFiles.writeDirectory(target, LETTERS, dir -> Files.writeString(dir.resolve("a"), "1"));
    AtomicFiles.writeDirectory(target, LETTERS, dir -> Files.writeString(dir.resolve("b"), "2"));
    assertEquals("2", Files.readString(target.resolve("b")));
    assertEquals(false, Files.exists(target.resolve("a")));
    assertThrows(IllegalStateException.class, () -> AtomicFiles.writeDirectory(target, LETTERS, dir -> {
      Files.writeString(dir.resolve("c"), "3");
      throw new IllegalStateException("crash");
    }));
    assertEquals("2", Files.readString(target.resolve("b")));
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void aDirectoryOfAnotherKindIsRefusedBeforeTheWriterRuns() throws IOException {
    Path target = Files.createDirectories(tmp.resolve("export"));
    Files.writeString(target.resolve("a"), "1");
    Files.writeString(target.resolve("Main.java"), "class Main {}");
    Map<String, String> before = FileHashes.of(tmp);
    AtomicBoolean ran = new AtomicBoolean();
    UserException e = assertThrows(UserException.class, () -> AtomicFiles.writeDirectory(target, LETTERS, dir -> {
      ran.set(true);
      Files.writeString(dir.resolve("a"), "2");
    }));
    assertEquals(target + " holds 2 entries (Main.java, a), not a letters folder (a, b, c), which has no Main.java:"
        + " it is left as it is; pick another", e.getMessage());
    assertFalse(ran.get(), "refused before writing");
    assertEquals(before, FileHashes.of(tmp), "the folder is byte-identical and nothing lies beside it");
  }

  @Test
  void anEmptyDirectoryIsUsed() throws IOException {
    Path target = Files.createDirectories(tmp.resolve("export"));
    AtomicFiles.writeDirectory(target, LETTERS, dir -> Files.writeString(dir.resolve("a"), "1"));
    assertEquals(Map.of("a", SHA256_OF_1), FileHashes.of(target));
  }

  /** Fault injection: the writer runs out of space after part of the files, as a full disk does. */
  @Test
  void aWriteThatFailsMidwayLeavesWhatWasThereAndSaysWhatFailed() throws IOException {
    Path target = tmp.resolve("export");
    AtomicFiles.writeDirectory(target, LETTERS, dir -> {
      Files.writeString(dir.resolve("a"), "1");
      Files.writeString(dir.resolve("b"), "2");
    });
    Map<String, String> before = FileHashes.of(tmp);
    AtomicFiles.Writer fullDisk = dir -> {
      Files.writeString(dir.resolve("a"), "new");
      Files.writeString(dir.resolve("b"), "ne");
      throw new IOException("No space left on device");
    };
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeDirectory(target, LETTERS, fullDisk));
    assertEquals("cannot write the letters folder " + target + ": No space left on device (what was there is"
        + " unchanged)", e.getMessage());
    assertEquals("No space left on device", e.getCause().getMessage());
    assertEquals(before, FileHashes.of(tmp), "the old folder is byte-identical and no temporary is left");

    Path fresh = tmp.resolve("fresh");
    e = assertThrows(IOException.class, () -> AtomicFiles.writeDirectory(fresh, LETTERS, fullDisk));
    assertEquals("cannot write the letters folder " + fresh + ": No space left on device", e.getMessage());
    assertEquals(before, FileHashes.of(tmp), "nothing is left of a first write that failed");
  }

  @Test
  void aSwapCutBetweenItsRenamesIsCompletedBackwards() throws IOException {
    Path target = tmp.resolve("checkpoint");
    Path aside = tmp.resolve(".checkpoint.old");
    Files.createDirectories(aside);
    Files.writeString(aside.resolve("variables.index"), "previous");
    assertEquals(true, AtomicFiles.recoverDirectory(target));
    assertEquals("previous", Files.readString(target.resolve("variables.index")));
    assertEquals(false, Files.exists(aside));
    assertEquals(false, AtomicFiles.recoverDirectory(target), "nothing to do when the target exists");
  }
}
