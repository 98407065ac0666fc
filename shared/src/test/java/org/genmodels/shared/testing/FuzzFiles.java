package org.genmodels.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files for fuzz tests of readers that take a path: one scratch directory per JVM, each input
 * written over the previous one under the same name, all deleted when the JVM exits. Fuzz tests
 * run one input at a time, so this is not thread-safe.
 */
public final class FuzzFiles {
  private static Path dir;

  private FuzzFiles() {
  }

  /** The scratch directory. */
  public static synchronized Path dir() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("genmodels-fuzz");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      dir.toFile().deleteOnExit();
    }
    return dir;
  }

  /** Writes {@code bytes} to {@code name} in the scratch directory (or a folder of it) and returns its path. */
  public static Path write(String name, byte[] bytes) {
    Path file = dir().resolve(name);
    try {
      if (!Files.exists(file.getParent())) {
        Files.createDirectories(file.getParent());
        file.getParent().toFile().deleteOnExit(); // before the file: deletions run in reverse order
      }
      if (!Files.exists(file)) {
        file.toFile().deleteOnExit();
      }
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
