package org.genmodels.shared.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;

class CheckpointReaderTest {
  @TempDir
  Path tmp;

  /** A checkpoint TF writes, with known values of several shapes and types. */
  private Path savedByTensorFlow() {
    Path dir = tmp.resolve("ckpt");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Ops layer = tf.withSubScope("layer");
      layer.withName("kernel").variable(tf.constant(new float[][] {{1, 2, 3}, {4, 5, 6}}));
      layer.withName("bias").variable(tf.constant(new float[] {-0.5f, 0.25f, 1e-8f}));
      tf.withName("scale").variable(tf.constant(3.5f));
      tf.withName("global_step").variable(tf.constant(7L));
      s.initialize();
      s.save(dir.resolve("variables").toString());
    }
    return dir;
  }

  @Test
  void readsWhatSessionSaveWrites() {
    CheckpointReader r = CheckpointReader.open(savedByTensorFlow());
    assertEquals(List.of("global_step", "layer/bias", "layer/kernel", "scale"), r.keys());
    assertEquals(Shape.of(2, 3), r.require("layer/kernel").shape());
    assertEquals("float32 [2, 3]", r.require("layer/kernel").describe());
    assertEquals(DataType.DT_INT64, r.require("global_step").dtype());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, r.floats("layer/kernel"));
    assertArrayEquals(new float[] {-0.5f, 0.25f, 1e-8f}, r.floats("layer/bias"));
    assertArrayEquals(new float[] {3.5f}, r.floats("scale"));
  }

  @Test
  void namesWhatIsMissingOrOfAnotherType() {
    CheckpointReader r = CheckpointReader.open(savedByTensorFlow());
    UserException missing = assertThrows(UserException.class, () -> r.floats("layer/weights"));
    assertTrue(missing.getMessage().contains("no tensor layer/weights") && missing.getMessage().contains("layer/kernel"),
        missing.getMessage());
    UserException type = assertThrows(UserException.class, () -> r.floats("global_step"));
    assertTrue(type.getMessage().contains("int64 []"), type.getMessage());
    UserException none = assertThrows(UserException.class, () -> CheckpointReader.open(tmp.resolve("nothing")));
    assertTrue(none.getMessage().contains("variables.index"), none.getMessage());
  }

  @Test
  void detectsCorruptValuesByTheirChecksum() throws IOException {
    Path dir = savedByTensorFlow();
    CheckpointReader r = CheckpointReader.open(dir);
    CheckpointReader.Entry kernel = r.require("layer/kernel");
    Path data = dir.resolve("variables.data-00000-of-00001");
    data.toFile().setWritable(true);
    try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw")) {
      f.seek(kernel.offset() + 5);
      int b = f.read();
      f.seek(kernel.offset() + 5);
      f.write(b ^ 0x10);
    }
    UserException e = assertThrows(UserException.class, () -> r.floats("layer/kernel"));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    assertArrayEquals(new float[] {3.5f}, r.floats("scale"));
  }

  @Test
  void readsTf1AndSnappyCompressedTf2SavedModelVariables() {
    Path fixtures = TestData.sharedDir().resolve("fixtures").resolve("savedmodels");
    assumeTrue(Files.isDirectory(fixtures), "SavedModel fixtures not found at " + fixtures);
    // half_plus_two: y = a·x + b, y3 = a·x + c with a = 0.5, b = 2, c = 3 (expected.json)
    CheckpointReader tf1 = CheckpointReader.open(fixtures.resolve("half_plus_two_tf1"));
    assertEquals(List.of("a", "b", "c"), tf1.keys());
    assertArrayEquals(new float[] {0.5f}, tf1.floats("a"));
    CheckpointReader tf2 = CheckpointReader.open(fixtures.resolve("half_plus_two_tf2"));
    assertEquals(List.of("_CHECKPOINTABLE_OBJECT_GRAPH", "a/.ATTRIBUTES/VARIABLE_VALUE",
        "b/.ATTRIBUTES/VARIABLE_VALUE", "c/.ATTRIBUTES/VARIABLE_VALUE"), tf2.keys());
    assertArrayEquals(new float[] {2f}, tf2.floats("b/.ATTRIBUTES/VARIABLE_VALUE"));
    assertArrayEquals(new float[] {3f}, tf2.floats("c/.ATTRIBUTES/VARIABLE_VALUE"));
    CheckpointReader keras = CheckpointReader.open(fixtures.resolve("fashion_conv_ae").resolve("decoder"));
    assertEquals(Shape.of(3, 3, 64, 128), keras.require("layer_with_weights-2/kernel/.ATTRIBUTES/VARIABLE_VALUE").shape());
    assertEquals(3 * 3 * 64 * 128, keras.floats("layer_with_weights-2/kernel/.ATTRIBUTES/VARIABLE_VALUE").length);
  }
}
