package org.genmodels.shared.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real full disk for tests of what a failed write leaves behind, where the writing is TF's
 * native code and no Java fault can be injected: a child JVM (this JVM's class path) runs a
 * test's {@code main} with a small tmpfs mounted at a folder, in a private user and mount
 * namespace ({@code unshare --user --map-root-user --mount}), so no privilege is needed and
 * nothing outside the child sees the mount. The child fills the tmpfs ({@link #fill}), writes,
 * and reports {@code key=value} lines on standard output for the test to check.
 *
 * <p>Where the namespace cannot be made (no {@code unshare}, user namespaces disabled), the test
 * is skipped ({@link #assumeAvailable}) with the reason.
 */
public final class FullDisk {
  /** A guard against a hung child, far above the seconds it takes. */
  private static final long HANG_MINUTES = 5;

  /** What the child printed and its exit code. */
  public record Child(int code, String out, String err) {
    /** The child's {@code key=value} lines, in order. */
    public Map<String, String> values() {
      Map<String, String> values = new LinkedHashMap<>();
      for (String line : out.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          values.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return values;
    }

    /** Everything it printed, for assertion messages. */
    public String transcript() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private FullDisk() {
  }

  /** Skips the calling test, saying why, when this machine cannot mount a tmpfs privately. */
  public static void assumeAvailable(Path scratch) {
    String why = unavailable(scratch);
    Assumptions.assumeTrue(why == null, () -> "a real full disk needs a tmpfs mounted in a private"
        + " namespace (unshare --user --map-root-user --mount), which this machine refuses (" + why + "); the"
        + " fault-injecting tests cover the same paths with a Java writer");
  }

  /** Why a tmpfs cannot be mounted privately here; null when it can. */
  private static String unavailable(Path scratch) {
    Path mount = scratch.resolve("probe");
    try {
      Files.createDirectories(mount);
      Child probe = exec(scratch, List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
          "mount -t tmpfs -o size=64k tmpfs \"$0\"", mount.toString()));
      return probe.code() == 0 ? null : "exit " + probe.code() + ": " + probe.err().strip();
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  /**
   * Runs {@code main}'s {@code main(String[])} in a child JVM with a tmpfs of {@code sizeKiB} at
   * {@code mountPoint} (created here; empty again once the child ends), which is its first
   * argument.
   */
  public static Child run(Class<?> main, Path mountPoint, int sizeKiB) {
    try {
      Files.createDirectories(mountPoint);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
          "mount -t tmpfs -o size=" + sizeKiB + "k tmpfs \"$0\" && exec \"$@\"", mountPoint.toString(), java,
          "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
          main.getName(), mountPoint.toString()));
      return exec(mountPoint.getParent(), command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fills the file system holding {@code dir} until a write fails, then frees {@code leaveBytes}
   * again: the next writes that need more fail midway with "No space left on device".
   */
  public static void fill(Path dir, long leaveBytes) throws IOException {
    Path filler = dir.resolve("filler");
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      // the disk is full
    }
    try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
      channel.truncate(Math.max(0, channel.size() - leaveBytes));
    }
  }

  private static Child exec(Path workDir, List<String> command) throws IOException {
    Path out = Files.createTempFile(workDir, "child", ".out");
    Path err = Files.createTempFile(workDir, "child", ".err");
    try {
      Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      if (!p.waitFor(HANG_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("the child " + command + " hung");
      }
      return new Child(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + command, e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
