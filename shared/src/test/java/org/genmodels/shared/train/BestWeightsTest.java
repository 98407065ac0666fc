package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.nn.Initializer;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.Fetch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The best epoch's weights come back, from memory and from the checkpoint on disk. */
class BestWeightsTest {
  @TempDir
  Path tmp;

  private static EpochResult epoch(int n, double testLoss) {
    MetricValues v = new MetricValues(List.of("loss"), new double[] {testLoss});
    return new EpochResult(n, 3, v, v, 0, 0);
  }

  @Test
  void restoresTheWeightsOfTheBestEpoch() throws IOException {
    Path dir = tmp.resolve("best");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Operand<TFloat32> w = p.trainable(tf, "w", Shape.of(2), Initializer.constant(1f));
      var add = tf.assignAdd(p.all().get(0).variable(), tf.constant(new float[] {1f, 10f}));
      ModelConfig config = ModelConfig.of("vae").put("latent", 2).put("reconstruction", "mse").build();
      BestWeights best = new BestWeights(tf, s, p, dir, config, line -> { });
      best.onEpochEnd(epoch(1, 5.0));           // w = [1, 1]
      s.run(add);
      best.onEpochEnd(epoch(2, 4.0));           // w = [2, 11], the best
      s.run(add);
      best.onEpochEnd(epoch(3, 4.5));           // w = [3, 21]
      assertArrayEquals(new float[] {3, 21}, Fetch.floats(s, w));
      best.restore();
      assertArrayEquals(new float[] {2, 11}, Fetch.floats(s, w));
      assertEquals(2, best.bestEpoch());
      assertEquals(4.0, best.bestLoss());
      s.run(add);
      Checkpoints.restore(s, dir);
      assertArrayEquals(new float[] {2, 11}, Fetch.floats(s, w));
      // the best checkpoint says which model it is, for export and embedding
      ModelConfig kept = ModelConfig.read(dir).orElseThrow();
      assertEquals("vae", kept.model());
      assertEquals(2, kept.getInt("latent"));
      assertEquals("mse", kept.get("reconstruction"));
    }
    try (var files = Files.list(tmp)) {
      assertEquals(List.of(dir), files.toList(), "no temporary directories are left");
    }
  }

  @Test
  void missingOrForeignCheckpointIsAClearError() throws IOException {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      new Parameters(new Seeds(1)).trainable(tf, "w", Shape.of(2), Initializer.zeros());
      UserException missing = assertThrows(UserException.class, () -> Checkpoints.restore(s, tmp));
      assertTrue(missing.getMessage().contains("no checkpoint in " + tmp), missing.getMessage());

      Path other = tmp.resolve("other");
      try (Graph g2 = new Graph(); Session s2 = new Session(g2)) {
        Ops tf2 = Ops.create(g2);
        new Parameters(new Seeds(1)).trainable(tf2, "v", Shape.of(3), Initializer.zeros());
        s2.run(tf2.noOp());
        Checkpoints.save(s2, other);
      }
      UserException foreign = assertThrows(UserException.class, () -> Checkpoints.restore(s, other));
      assertTrue(foreign.getMessage().contains("other settings"), foreign.getMessage());

      Path corrupt = Files.createDirectories(tmp.resolve("corrupt"));
      Files.write(corrupt.resolve("variables.index"), new byte[] {1, 2, 3});
      assertThrows(UserException.class, () -> Checkpoints.restore(s, corrupt));
    }
  }
}
