package org.genmodels.shared.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.genmodels.shared.nn.Initializer;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.FileHashes;
import org.genmodels.shared.testing.FullDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/**
 * A judge cache write that a full disk (a real one: a small tmpfs, {@link FullDisk}) stops in
 * TensorFlow's native save leaves the previous cache byte-identical, nothing beside it, and an
 * error naming the cache and the cause. A one-variable graph stands in for the judge's.
 */
class JudgeCacheFullDiskTest {
  /** Floats of the one variable: 64 KiB of data, far more than the space left. */
  private static final int SIZE = 16384;

  @TempDir
  Path tmp;

  @Test
  void aCacheWriteOnAFullDiskLeavesThePreviousCacheAndSaysWhatFailed() {
    FullDisk.assumeAvailable(tmp);
    Path mount = tmp.resolve("disk");
    FullDisk.Child child = FullDisk.run(JudgeCacheFullDiskTest.class, mount, 256);
    assertEquals(0, child.code(), child.transcript());
    Map<String, String> v = child.values();
    Path dir = mount.resolve("judge").resolve("mnist-" + JudgeModel.VERSION);
    assertTrue(v.get("before").contains("/judge.properties="), child.transcript());
    assertTrue(v.get("before").contains("/variables.data-00000-of-00001="), child.transcript());
    assertEquals(v.get("before"), v.get("after"), "the previous cache is byte-identical, nothing beside it");
    String error = v.get("error");
    assertTrue(error.startsWith("cannot write the judge cache " + dir + ": "), child.transcript());
    assertTrue(error.contains("No space left on device"), error);
    assertTrue(error.endsWith(" (what was there is unchanged)"), error);
  }

  /** The child: caches a judge, fills the disk, caches it again. */
  public static void main(String[] args) throws IOException {
    Path cache = Path.of(args[0]).resolve("judge");
    Path dir = cache.resolve("mnist-" + JudgeModel.VERSION);
    Properties metadata = new Properties();
    metadata.setProperty("dataset", "mnist");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      new Parameters(new Seeds(1)).trainable(tf, "w", Shape.of(SIZE), Initializer.constant(1f));
      s.run(tf.noOp());
      Judge.writeCache(s, dir, metadata);
      System.out.println("before=" + FileHashes.of(cache));
      FullDisk.fill(Path.of(args[0]), 16 * 1024);
      try {
        Judge.writeCache(s, dir, metadata);
        System.out.println("error=none");
      } catch (IOException | RuntimeException e) {
        System.out.println("error=" + e.getMessage());
      }
      System.out.println("after=" + FileHashes.of(cache));
    }
  }
}
