package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genmodels.ae.AutoencoderServing;
import org.genmodels.shared.testing.FileHashes;
import org.genmodels.shared.testing.FullDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export that a full disk (a real one: a small tmpfs, {@link FullDisk}) stops in TensorFlow's
 * exporter leaves the previous export byte-identical, nothing beside it, and an error naming the
 * export and the cause.
 */
class ExportFullDiskTest {
  private static final long PAGE = 4096;
  @TempDir
  Path tmp;

  @Test
  void anExportOnAFullDiskLeavesThePreviousExportAndSaysWhatFailed() {
    FullDisk.assumeAvailable(tmp);
    Path mount = tmp.resolve("disk");
    FullDisk.Child child = FullDisk.run(ExportFullDiskTest.class, mount, 1024);
    assertEquals(0, child.code(), child.transcript());
    Map<String, String> v = child.values();
    Path dir = mount.resolve("exports").resolve("ae");
    assertTrue(v.get("before").contains("ae/saved_model.pb="), child.transcript());
    assertTrue(v.get("before").contains("ae/variables/variables.data-00000-of-00001="), child.transcript());
    assertEquals(v.get("before"), v.get("after"), "the previous export is byte-identical, nothing beside it");
    String error = v.get("error");
    assertTrue(error.startsWith("cannot write the SavedModel export " + dir + ": "), child.transcript());
    assertTrue(error.contains("No space left on device"), error);
    assertTrue(error.endsWith(" (what was there is unchanged)"), error);
    assertEquals(v.get("before"), v.get("graphAfter"), "a failure writing saved_model.pb leaves it all alike");
    String graphError = v.get("graphError");
    assertTrue(graphError.startsWith("cannot write the SavedModel export " + dir + ": "), child.transcript());
    assertTrue(graphError.contains("No space left on device"), graphError);
  }

  /** The child: exports a small autoencoder, fills the disk, exports it again. */
  public static void main(String[] args) throws IOException {
    Path exports = Path.of(args[0]).resolve("exports");
    Path dir = exports.resolve("ae");
    try (ServingSession s = ServingSession.build(new AutoencoderServing(List.of(64, 16), 8), null)) {
      s.export(dir);
      System.out.println("before=" + FileHashes.of(exports));
      FullDisk.fill(Path.of(args[0]), 16 * 1024);
      try {
        s.export(dir);
        System.out.println("error=none");
      } catch (IOException | RuntimeException e) {
        System.out.println("error=" + e.getMessage());
      }
      System.out.println("after=" + FileHashes.of(exports));
      // room for the variables but not for saved_model.pb, which TF Java writes after them
      Files.delete(Path.of(args[0]).resolve("filler"));
      long variables = pages(dir.resolve("variables").resolve("variables.data-00000-of-00001"))
          + pages(dir.resolve("variables").resolve("variables.index"));
      FullDisk.fill(Path.of(args[0]), variables + pages(dir.resolve("saved_model.pb")) / 2);
      try {
        s.export(dir);
        System.out.println("graphError=none");
      } catch (IOException | RuntimeException e) {
        System.out.println("graphError=" + e.getMessage());
      }
      System.out.println("graphAfter=" + FileHashes.of(exports));
    }
  }

  /** The bytes of the tmpfs pages {@code file} takes. */
  private static long pages(Path file) throws IOException {
    return (Files.size(file) + PAGE - 1) / PAGE * PAGE;
  }
}
