package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.nn.Initializer;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.Fetch;
import org.genmodels.shared.testing.FileHashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A checkpoint is written only over a checkpoint (or an empty folder): a folder of anything else
 * is refused, before training where the writer knows its place early, and a save that fails
 * midway leaves the previous checkpoint as it was and says what failed.
 */
class CheckpointDirectoryTest {
  @TempDir
  Path tmp;

  /** A graph with one variable {@code w = [1, 2]}, and an op adding 10 to it. */
  private record Tiny(Graph graph, Session session, Parameters params, Operand<TFloat32> w, Operand<TFloat32> add)
      implements AutoCloseable {
    static Tiny create() {
      Graph g = new Graph();
      Session s = new Session(g);
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Operand<TFloat32> w = p.trainable(tf, "w", Shape.of(2), Initializer.constant(1f));
      Operand<TFloat32> add = tf.assignAdd(p.all().get(0).variable(), tf.constant(new float[] {0f, 1f}));
      s.run(add);
      return new Tiny(g, s, p, w, add);
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  private Path foreignFolder() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("checkpoint"));
    Files.writeString(dir.resolve("notes.txt"), "my notes\n");
    Files.writeString(dir.resolve("variables.index"), "not TF's\n");
    Files.createDirectories(dir.resolve("images"));
    Files.write(dir.resolve("images").resolve("a.png"), new byte[] {1, 2, 3});
    return dir;
  }

  @Test
  void aFolderThatIsNotACheckpointIsRefusedAndLeftByteIdentical() throws IOException {
    Path dir = foreignFolder();
    Map<String, String> before = FileHashes.of(tmp);
    try (Tiny t = Tiny.create()) {
      UserException e = assertThrows(UserException.class, () -> Checkpoints.save(t.session(), dir));
      assertEquals(dir + " holds 3 entries (images/, notes.txt, variables.index), not a checkpoint (variables.index,"
          + " variables.data-*-of-*, run.properties), which has no images/: it is left as it is; give another"
          + " --output, or move that folder away", e.getMessage());
      assertEquals(before, FileHashes.of(tmp));

      // the writers that know their place check it before any training
      UserException early = assertThrows(UserException.class,
          () -> new BestWeights(Ops.create(t.graph()), t.session(), t.params(), dir, null, line -> { }));
      assertTrue(early.getMessage().startsWith(dir + " holds 3 entries"), early.getMessage());
      early = assertThrows(UserException.class,
          () -> CheckpointSaver.checkKey(tmp, new RunKey("mnist", 12, 4, 7), null));
      assertTrue(early.getMessage().startsWith(dir + " holds 3 entries"), early.getMessage());
      assertEquals(before, FileHashes.of(tmp));
    }
  }

  @Test
  void aCheckpointOrAnEmptyFolderIsReplaced() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("checkpoint"));
    try (Tiny t = Tiny.create()) {
      Checkpoints.save(t.session(), dir, inside -> new RunKey("mnist", 12, 4, 7).write(inside, 3, false, null));
      assertEquals(Set.of("variables.index", "variables.data-00000-of-00001", "run.properties"),
          FileHashes.of(dir).keySet());
      t.session().run(t.add());
      Checkpoints.save(t.session(), dir);
      assertEquals(Set.of("variables.index", "variables.data-00000-of-00001"), FileHashes.of(dir).keySet());
      t.session().run(t.add());
      Checkpoints.restore(t.session(), dir);
      assertArrayEquals(new float[] {1, 3}, Fetch.floats(t.session(), t.w()));
    }
    try (var files = Files.list(tmp)) {
      assertEquals(List.of(dir), files.toList(), "no temporary or set-aside folder is left");
    }
  }

  @Test
  void aSaveThatFailsMidwayLeavesThePreviousCheckpointAndSaysWhatFailed() throws IOException {
    Path dir = tmp.resolve("checkpoint");
    try (Tiny t = Tiny.create()) {
      Checkpoints.save(t.session(), dir);
      Map<String, String> before = FileHashes.of(tmp);
      t.session().run(t.add());
      IOException e = assertThrows(IOException.class, () -> Checkpoints.save(t.session(), dir, inside -> {
        Files.writeString(inside.resolve(RunKey.FILE), "dataset=mni");
        throw new IOException("No space left on device");
      }));
      assertEquals("cannot write the checkpoint " + dir + ": No space left on device (what was there is"
          + " unchanged)", e.getMessage());
      assertEquals(before, FileHashes.of(tmp), "the previous checkpoint is byte-identical, nothing left beside it");
      Checkpoints.restore(t.session(), dir);
      assertArrayEquals(new float[] {1, 2}, Fetch.floats(t.session(), t.w()));
    }
  }
}
