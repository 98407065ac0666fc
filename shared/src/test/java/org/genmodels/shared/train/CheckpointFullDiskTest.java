package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.genmodels.shared.nn.Initializer;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.Fetch;
import org.genmodels.shared.testing.FileHashes;
import org.genmodels.shared.testing.FullDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A checkpoint save that TensorFlow's native code cannot finish for a full disk (a real one: a
 * small tmpfs, {@link FullDisk}) leaves the previous checkpoint byte-identical, nothing beside it,
 * and an error naming the checkpoint and the cause.
 */
class CheckpointFullDiskTest {
  /** Floats of the one variable: 64 KiB of data, far more than the space left. */
  private static final int SIZE = 16384;

  @TempDir
  Path tmp;

  @Test
  void aSaveOnAFullDiskLeavesThePreviousCheckpointAndSaysWhatFailed() {
    FullDisk.assumeAvailable(tmp);
    Path mount = tmp.resolve("disk");
    FullDisk.Child child = FullDisk.run(CheckpointFullDiskTest.class, mount, 256);
    assertEquals(0, child.code(), child.transcript());
    Map<String, String> v = child.values();
    Path dir = mount.resolve("run").resolve("checkpoint");
    assertTrue(v.get("before").contains("checkpoint/variables.data-00000-of-00001="), child.transcript());
    assertEquals(v.get("before"), v.get("after"), "the previous checkpoint is byte-identical, nothing beside it");
    String error = v.get("error");
    assertTrue(error.startsWith("cannot write the checkpoint " + dir + ": "), child.transcript());
    assertTrue(error.contains("No space left on device"), error);
    assertTrue(error.endsWith(" (the checkpoints there are unchanged)"), error);
    assertEquals("2.0", v.get("restored"), "w was 1 + 1 when saved, 1 + 2 at the failed save");
  }

  /** The child: saves a checkpoint of {@code w = 1 + 1}, fills the disk, saves {@code w = 1 + 2}. */
  public static void main(String[] args) throws IOException {
    Path run = Path.of(args[0]).resolve("run");
    Path dir = run.resolve("checkpoint");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Operand<TFloat32> w = p.trainable(tf, "w", Shape.of(SIZE), Initializer.constant(1f));
      Operand<TFloat32> add = tf.assignAdd(p.all().get(0).variable(), tf.fill(tf.constant(new int[] {SIZE}),
          tf.constant(1f)));
      RunKey key = new RunKey("mnist", 12, 4, 7);
      s.run(add);
      // as CheckpointSaver saves, keeping two
      Checkpoints.saveRotating(s, dir, 2, false, inside -> key.write(inside, 1, false, null));
      System.out.println("before=" + FileHashes.of(run));
      FullDisk.fill(Path.of(args[0]), 16 * 1024);
      s.run(add);
      try {
        Checkpoints.saveRotating(s, dir, 2, false, inside -> key.write(inside, 2, false, null));
        System.out.println("error=none");
      } catch (IOException | RuntimeException e) {
        System.out.println("error=" + e.getMessage());
      }
      System.out.println("after=" + FileHashes.of(run));
      Checkpoints.restore(s, dir);
      System.out.println("restored=" + Fetch.floats(s, w)[SIZE - 1]);
    }
  }
}
