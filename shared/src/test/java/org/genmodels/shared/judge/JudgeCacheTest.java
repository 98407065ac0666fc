package org.genmodels.shared.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.nn.Initializer;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.FileHashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/**
 * The judge's cache directory is replaced only when it is a judge cache: a folder of anything
 * else is refused before the minutes of training, and a cache write that fails midway leaves the
 * previous cache as it was. A one-variable graph stands in for the judge's.
 */
class JudgeCacheTest {
  @TempDir
  Path tmp;

  @Test
  void aFolderThatIsNotAJudgeCacheIsRefusedBeforeTraining() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("mnist-" + JudgeModel.VERSION));
    Files.writeString(dir.resolve("judge.properties"), "dataset=mnist\n");
    Files.writeString(dir.resolve("thesis.tex"), "\\documentclass{article}\n");
    Map<String, String> before = FileHashes.of(tmp);
    ImageSet two = new ImageSet(2, 28, 28, new byte[2 * 784], new byte[2]);
    List<String> log = new ArrayList<>();
    UserException e = assertThrows(UserException.class,
        () -> Judge.loadOrTrain(new ImageData(DatasetName.MNIST, two, two, "test"), tmp, log::add));
    assertEquals(dir + " holds 2 entries (judge.properties, thesis.tex), not a judge cache (variables.index,"
        + " variables.data-*-of-*, judge.properties), which has no thesis.tex: it is left as it is; point"
        + " GENMODELS_CACHE at another folder, or move that folder away", e.getMessage());
    assertEquals(List.of(), log, "refused before training");
    assertEquals(before, FileHashes.of(tmp));
  }

  /** Fault injection: the metadata runs out of space halfway, after TF wrote the variables. */
  @Test
  void aCacheWriteThatFailsMidwayLeavesThePreviousCacheAndSaysWhatFailed() throws IOException {
    Path dir = tmp.resolve("mnist-" + JudgeModel.VERSION);
    Properties good = new Properties();
    good.setProperty("dataset", "mnist");
    Properties fullDisk = new Properties() {
      @Override
      public void store(Writer writer, String comments) throws IOException {
        writer.write("dataset=mn");
        writer.flush();
        throw new IOException("No space left on device");
      }
    };
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      new Parameters(new Seeds(1)).trainable(tf, "w", Shape.of(3), Initializer.constant(2f));
      s.run(tf.noOp());
      Judge.writeCache(s, dir, good);
      assertEquals(Set.of("variables.index", "variables.data-00000-of-00001", "judge.properties"),
          FileHashes.of(dir).keySet());
      Map<String, String> before = FileHashes.of(tmp);
      IOException e = assertThrows(IOException.class, () -> Judge.writeCache(s, dir, fullDisk));
      assertEquals("cannot write the judge cache " + dir + ": No space left on device (what was there is unchanged)",
          e.getMessage());
      assertEquals(before, FileHashes.of(tmp), "the previous cache is byte-identical, nothing left beside it");
      Judge.writeCache(s, dir, good);
      assertTrue(Files.readString(dir.resolve("judge.properties")).contains("dataset=mnist"));
    }
  }
}
