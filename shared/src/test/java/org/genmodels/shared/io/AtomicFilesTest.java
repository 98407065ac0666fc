package org.genmodels.shared.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
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
    AtomicFiles.writeDirectory(target, dir -> Files.writeString(dir.resolve("a"), "1"));
    AtomicFiles.writeDirectory(target, dir -> Files.writeString(dir.resolve("b"), "2"));
    assertEquals("2", Files.readString(target.resolve("b")));
    assertEquals(false, Files.exists(target.resolve("a")));
    assertThrows(IllegalStateException.class, () -> AtomicFiles.writeDirectory(target, dir -> {
      Files.writeString(dir.resolve("c"), "3");
      throw new IllegalStateException("crash");
    }));
    assertEquals("2", Files.readString(target.resolve("b")));
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count());
    }
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
