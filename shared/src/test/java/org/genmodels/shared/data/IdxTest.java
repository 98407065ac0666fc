package org.genmodels.shared.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX reading against the MNIST files and hand-made broken ones. */
class IdxTest {
  @TempDir
  Path tmp;

  @Test
  void readsMnistLabelsAsDocumented() {
    Idx.Array labels = Idx.read(TestData.mnistDir().resolve("train-labels-idx1-ubyte.gz"), 1);
    assertArrayEquals(new int[] {60000}, labels.dims());
    // ../shared/datasets/README.md: first ten training labels and the count per digit
    byte[] first = Arrays.copyOf(labels.data(), 10);
    assertArrayEquals(new byte[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, first);
    int[] histogram = new int[10];
    for (byte b : labels.data()) {
      histogram[b]++;
    }
    assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, histogram);
  }

  @Test
  void imageHeaderGivesShape() {
    Idx.Array images = Idx.read(TestData.mnistDir().resolve("t10k-images-idx3-ubyte.gz"), 3);
    assertArrayEquals(new int[] {10000, 28, 28}, images.dims());
    assertEquals(10000 * 28 * 28, images.data().length);
  }

  @Test
  void hashIsTheDecompressedContentsSha256() throws Exception {
    byte[] raw = idx(new int[] {3}, new byte[] {7, 8, 9});
    Path file = tmp.resolve("x-idx1-ubyte.gz");
    Files.write(file, gzip(raw));
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    Idx.Array a = Idx.read(file, 1);
    assertEquals(expected, a.sha256());
    assertArrayEquals(new byte[] {7, 8, 9}, a.data());
  }

  @Test
  void readsUncompressedFiles() throws IOException {
    Path file = tmp.resolve("x-idx1-ubyte");
    Files.write(file, idx(new int[] {2}, new byte[] {1, 2}));
    assertArrayEquals(new byte[] {1, 2}, Idx.read(file, 1).data());
  }

  @Test
  void truncatedFileIsAnErrorNamingTheFile() throws IOException {
    byte[] gz = Files.readAllBytes(TestData.mnistDir().resolve("train-labels-idx1-ubyte.gz"));
    Path file = tmp.resolve("train-labels-idx1-ubyte.gz");
    Files.write(file, Arrays.copyOf(gz, gz.length / 2));
    DatasetException e = assertThrows(DatasetException.class, () -> Idx.read(file, 1));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("corrupt"), e.getMessage());
  }

  @Test
  void truncatedUncompressedDataIsAnError() throws IOException {
    Path file = tmp.resolve("short-idx1-ubyte");
    Files.write(file, Arrays.copyOf(idx(new int[] {100}, new byte[100]), 8 + 50));
    DatasetException e = assertThrows(DatasetException.class, () -> Idx.read(file, 1));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void aHeaderAnnouncingAGigabyteReadsOnlyWhatIsThere() throws IOException {
    // 1000 × 1000 × 1000 bytes announced, 3 there: an error, not a 1 GB array allocated up front
    Path file = tmp.resolve("huge-idx3-ubyte");
    Files.write(file, idx(new int[] {1000, 1000, 1000}, new byte[] {1, 2, 3}));
    DatasetException e = assertThrows(DatasetException.class, () -> Idx.read(file, 3));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    long allocated = org.genmodels.shared.testing.Allocation.bytesDuring(() -> Idx.read(file, 3));
    assertTrue(allocated < 10_000_000, allocated + " bytes allocated");
  }

  @Test
  void flippedByteInCompressedDataIsAnError() throws IOException {
    byte[] gz = Files.readAllBytes(TestData.mnistDir().resolve("t10k-labels-idx1-ubyte.gz"));
    gz[gz.length / 2] ^= 0x5a;
    Path file = tmp.resolve("t10k-labels-idx1-ubyte.gz");
    Files.write(file, gz);
    DatasetException e = assertThrows(DatasetException.class, () -> Idx.read(file, 1));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void wrongRankIsAnError() {
    Path labels = TestData.mnistDir().resolve("t10k-labels-idx1-ubyte.gz");
    DatasetException e = assertThrows(DatasetException.class, () -> Idx.read(labels, 3));
    assertTrue(e.getMessage().contains("0x00000801"), e.getMessage());
  }

  @Test
  void trailingBytesAreAnError() throws IOException {
    Path file = tmp.resolve("long-idx1-ubyte");
    byte[] raw = idx(new int[] {2}, new byte[] {1, 2});
    Files.write(file, Arrays.copyOf(raw, raw.length + 1));
    assertThrows(DatasetException.class, () -> Idx.read(file, 1));
  }

  @Test
  void missingFileIsAnError() {
    DatasetException e = assertThrows(DatasetException.class, () -> Idx.read(tmp.resolve("none.gz"), 1));
    assertTrue(e.getMessage().contains("none.gz"));
  }

  static byte[] idx(int[] dims, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(0);
    out.write(8);
    out.write(dims.length);
    for (int d : dims) {
      out.write(d >>> 24);
      out.write(d >>> 16);
      out.write(d >>> 8);
      out.write(d);
    }
    out.writeBytes(data);
    return out.toByteArray();
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }
}
