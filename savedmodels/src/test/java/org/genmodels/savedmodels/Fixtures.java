package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Python-written SavedModels in {@code ../shared/fixtures/savedmodels/} (see its README). A
 * test skips, saying so, only when the folder is absent; on CI it is there and the tests run.
 */
final class Fixtures {
  private Fixtures() {
  }

  /** The fixtures folder. */
  static Path dir() {
    Path shared = Path.of(System.getProperty("genmodels.shared.dir", "../shared"));
    Path dir = shared.resolve("fixtures").resolve("savedmodels");
    assumeTrue(Files.isDirectory(dir), "SavedModel fixtures not found at " + dir.toAbsolutePath()
        + ": put ../shared beside the checkout to run these tests");
    return dir.normalize();
  }

  /** One fixture's folder. */
  static Path model(String name) {
    return dir().resolve(name);
  }

  /** A fixture's {@code expected.json} (the folder holding it is {@code name}). */
  static Map<String, Object> expected(String name) throws IOException {
    return Json.object(Json.read(dir().resolve(name).resolve("expected.json")));
  }
}
