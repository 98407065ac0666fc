package org.genmodels.shared.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genmodels.shared.cli.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Checkpoint indexes written by hand whose sizes lie: each is refused before the size decides an
 * allocation (fuzzing found the first one as a NegativeArraySizeException).
 */
class CheckpointIndexErrorsTest {
  @TempDir
  Path tmp;

  @Test
  void readsAHandWrittenTable() {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("a", new byte[] {1});
    entries.put("b", new byte[] {2, 3});
    Map<String, byte[]> read = SortedTable.read(TableBytes.table(entries), "t");
    assertArrayEquals(new byte[] {2, 3}, read.get("b"));
  }

  @Test
  void entryLengthsNearTwoGigabytesAreCorruptNotAllocated() {
    ByteArrayOutputStream entry = new ByteArrayOutputStream();
    TableBytes.varint(entry, 0);
    TableBytes.varint(entry, 0x7fffffffL);
    TableBytes.varint(entry, 0x7fffffffL);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SortedTable.read(TableBytes.table(entry.toByteArray()), "t.index"));
    assertTrue(e.getMessage().equals("t.index is not a TensorFlow checkpoint index (a block entry runs past its block)"),
        e.getMessage());
  }

  private Path checkpoint(long[] dims, long offset, long size, int dataBytes) throws IOException {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("", BundleHeaderProto.newBuilder().setNumShards(1).build().toByteArray());
    entries.put("w", BundleEntryProto.newBuilder().setDtype(DataType.DT_FLOAT).setShape(shape)
        .setOffset(offset).setSize(size).build().toByteArray());
    Path dir = Files.createDirectories(tmp.resolve("ckpt" + System.nanoTime()));
    Files.write(dir.resolve("variables.index"), TableBytes.table(entries));
    Files.write(dir.resolve("variables.data-00000-of-00001"), new byte[dataBytes]);
    return dir;
  }

  @Test
  void sizesOffsetsAndShapesThatDisagreeAreNamed() throws IOException {
    UserException size = assertThrows(UserException.class,
        () -> CheckpointReader.open(checkpoint(new long[] {1000}, 0, 8, 8)).floats("w"));
    assertTrue(size.getMessage().contains("w in ") && size.getMessage().contains("is float32 [1000] but has 8 bytes"),
        size.getMessage());
    UserException offset = assertThrows(UserException.class,
        () -> CheckpointReader.open(checkpoint(new long[] {2}, 1L << 62, 8, 8)).floats("w"));
    assertTrue(offset.getMessage().contains("is shorter than its index says"), offset.getMessage());
    UserException shape = assertThrows(UserException.class,
        () -> CheckpointReader.open(checkpoint(new long[] {-2, -2}, 0, 16, 16)));
    assertTrue(shape.getMessage().contains("gives w an impossible shape"), shape.getMessage());
  }
}
