package org.genmodels.shared.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Comparator;

/**
 * Writes files and directories so that a crash never leaves a half-written one in place of a good
 * one: the content goes to a temporary sibling, which is renamed onto the target only when
 * complete. A reader sees either the old file or the new one. A directory replaces only a
 * directory of its own {@link DirectoryKind}.
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();
  private AtomicFiles() {
  }

  /** Produces the content of a temporary path (a file or a directory). */
  @FunctionalInterface
  public interface Writer {
    void write(Path temporary) throws IOException;
  }

  /** Streams the content into a temporary file. */
  @FunctionalInterface
  public interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  /**
   * Lets {@code writer} fill a temporary file beside {@code target}, then renames it onto
   * {@code target}. If the writer throws, the temporary file is deleted and the target untouched.
   */
  public static void write(Path target, Writer writer) throws IOException {
    Path dir = parentOf(target);
    Files.createDirectories(dir);
    Path temp = Files.createFile(temporarySibling(dir, target));
    try {
      writer.write(temp);
      move(temp, target);
    } catch (IOException | RuntimeException | Error e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  /** As {@link #write(Path, Writer)}, writing through a stream. */
  public static void writeStream(Path target, StreamWriter writer) throws IOException {
    write(target, temp -> {
      try (OutputStream out = Files.newOutputStream(temp)) {
        writer.write(out);
      }
    });
  }

  /**
   * Lets {@code writer} fill a fresh temporary directory beside {@code target}, then puts it in
   * place of {@code target}: an existing target is first renamed aside and deleted after the
   * swap, so at every moment one complete version exists under a known name.
   *
   * <p>An existing target is replaced only when it is of {@code kind} (or empty): anything else is
   * refused before {@code writer} runs, and checked again before the swap. When the writer or the
   * swap fails, the temporary directory is deleted and the target is what it was.
   *
   * @throws org.genmodels.shared.cli.UserException when {@code target} is not of {@code kind}
   * @throws IOException naming {@code kind}, {@code target} and the cause, when the write fails
   */
  public static void writeDirectory(Path target, DirectoryKind kind, Writer writer) throws IOException {
    kind.requireReplaceable(target);
    boolean existed = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
    Path temp = null;
    try {
      Path dir = parentOf(target);
      Files.createDirectories(dir);
      temp = Files.createDirectory(temporarySibling(dir, target));
      writer.write(temp);
      kind.requireReplaceable(target);
      swap(temp, target);
    } catch (IOException e) {
      boolean unchanged = existed && !(e instanceof LeftAside);
      IOException failure = new IOException("cannot write the " + kind.name() + " " + target + ": " + message(e)
          + (unchanged ? " (what was there is unchanged)" : ""), e);
      deleteQuietly(temp, failure);
      throw failure;
    } catch (RuntimeException | Error e) {
      deleteQuietly(temp, e);
      throw e;
    }
  }

  /**
   * Puts the complete directory {@code temp} (a sibling of {@code target}) in place of
   * {@code target}, as {@link #writeDirectory} does: the old version is renamed aside, where
   * {@link #recoverDirectory} finds it if a crash cuts between the two renames, and deleted after.
   * On failure {@code target} is what it was.
   */
  public static void putInPlace(Path temp, Path target) throws IOException {
    swap(temp, target);
  }

  /** Puts {@code temp} in place of {@code target}; on failure, {@code target} is what it was. */
  private static void swap(Path temp, Path target) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      move(temp, target);
      return;
    }
    Path old = asideOf(target);
    deleteRecursively(old);
    move(target, old);
    try {
      move(temp, target);
    } catch (IOException | RuntimeException | Error e) {
      try {
        move(old, target);
      } catch (IOException again) {
        again.addSuppressed(e);
        throw new LeftAside(message(e) + "; the previous version could not be put back (" + message(again)
            + ") and is in " + old + " (recoverDirectory restores it)", again);
      }
      throw e;
    }
    // The new version is in place: a failure to delete the old one is no failure of the write,
    // and the next swap deletes it first.
    deleteQuietly(old, null);
  }

  /** Deletes {@code path} (null: nothing) after a failure, recording a further one with it. */
  private static void deleteQuietly(Path path, Throwable failure) {
    if (path == null) {
      return;
    }
    try {
      deleteRecursively(path);
    } catch (IOException | RuntimeException e) {
      if (failure != null) {
        failure.addSuppressed(e);
      }
    }
  }

  /** A swap that failed after the target was renamed aside, and could not rename it back. */
  private static final class LeftAside extends IOException {
    LeftAside(String message, IOException cause) {
      super(message, cause);
    }
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.toString() : m;
  }

  /**
   * A fresh, empty, hidden directory beside {@code target} for its next version, for writers that
   * put it in place themselves; the caller deletes it when it is not used.
   */
  public static Path temporaryDirectoryBeside(Path target) throws IOException {
    Path dir = parentOf(target);
    Files.createDirectories(dir);
    return Files.createDirectory(temporarySibling(dir, target));
  }

  /**
   * Completes a swap of {@link #writeDirectory} that a crash cut between its two renames: when
   * {@code target} is missing but the previous version still lies aside, renames it back.
   *
   * @return whether a directory was put back
   */
  public static boolean recoverDirectory(Path target) throws IOException {
    Path old = asideOf(target);
    if (Files.exists(target) || !Files.isDirectory(old)) {
      return false;
    }
    move(old, target);
    return true;
  }

  /** Where {@link #writeDirectory} keeps the previous version during the swap. */
  private static Path asideOf(Path target) {
    return parentOf(target).resolve("." + target.getFileName() + ".old");
  }

  /** Deletes a file or a directory tree; does nothing when it does not exist. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * A fresh hidden name beside the target. Unlike {@code Files.createTempFile}, creating it with
   * {@code createFile} applies the user's umask, so the result gets the permissions any other
   * file would have, not 0600.
   */
  private static Path temporarySibling(Path dir, Path target) {
    return dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Path parentOf(Path target) {
    Path parent = target.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException("no parent directory: " + target);
    }
    return parent;
  }
}
