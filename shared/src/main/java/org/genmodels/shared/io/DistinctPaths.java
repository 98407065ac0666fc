package org.genmodels.shared.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.genmodels.shared.cli.UserException;

/**
 * Keeps a command from deleting what it reads: a directory it replaces ({@link
 * AtomicFiles#writeDirectory}) must not be its source, hold it, or lie inside it — whatever the
 * user forces. {@code savedmodels export} checks its {@code --output} against the checkpoint it
 * exports; a command that writes a checkpoint from another file does the same.
 *
 * <p>Paths are compared as the file system resolves them: symbolic links followed and
 * {@code ..} applied where the path exists, lexically below that.
 */
public final class DistinctPaths {
  private DistinctPaths() {
  }

  /**
   * Checks that replacing {@code target} leaves {@code source} in place.
   *
   * @param sourceName what the source is, for the message: {@code the checkpoint being exported}
   * @param targetName how the user named the target: {@code --output}
   * @param remedy     what to do instead: {@code give another --output}
   * @throws UserException when {@code target} is {@code source}, holds it or is inside it
   */
  public static void requireApart(Path source, String sourceName, Path target, String targetName, String remedy) {
    Path s = real(source);
    Path t = real(target);
    String relation;
    if (t.equals(s)) {
      relation = "is " + sourceName;
    } else if (s.startsWith(t)) {
      relation = "holds " + sourceName + " (" + source + ")";
    } else if (t.startsWith(s)) {
      relation = "is inside " + sourceName + " (" + source + ")";
    } else {
      return;
    }
    throw new UserException(targetName + " " + target + " " + relation + ": writing there would delete it; "
        + remedy);
  }

  /** {@code path} absolute, with its longest existing beginning resolved by the file system. */
  static Path real(Path path) {
    Path existing = path.toAbsolutePath();
    Deque<Path> missing = new ArrayDeque<>();
    while (existing.getParent() != null && !Files.exists(existing)) {
      missing.push(existing.getFileName());
      existing = existing.getParent();
    }
    try {
      Path real = existing.toRealPath();
      while (!missing.isEmpty()) {
        real = real.resolve(missing.pop());
      }
      return real.normalize();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + path + ": " + e.getMessage(), e);
    }
  }
}
