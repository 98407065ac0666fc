package org.genmodels.shared.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The directory a run writes its pictures and files into. */
public final class OutputDirectory {
  private OutputDirectory() {
  }

  /**
   * Creates {@code dir} if needed and checks that files can be written in it.
   *
   * @throws UserException naming the directory and the fix, when it cannot be written
   */
  public static Path prepare(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
      Files.delete(probe);
      return dir;
    } catch (IOException | SecurityException e) {
      throw new UserException("cannot write to the output directory " + dir.toAbsolutePath()
          + " (" + e + "). Choose a writable directory with --output.", e);
    }
  }
}
