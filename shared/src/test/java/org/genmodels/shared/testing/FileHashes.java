package org.genmodels.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The SHA-256 of every file under a directory, keyed by its path relative to it ({@code /}
 * separated; a directory maps to {@code "dir"}), so a test can show that a folder a command must
 * not touch is byte-identical afterwards, empty folders included.
 */
public final class FileHashes {
  private FileHashes() {
  }

  /** Every file and folder under {@code root} (not {@code root} itself) with its hash. */
  public static Map<String, String> of(Path root) {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(p -> !p.equals(root)).toList()) {
        String name = root.relativize(p).toString().replace('\\', '/');
        hashes.put(name, Files.isDirectory(p) ? "dir" : sha256(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hashes;
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
