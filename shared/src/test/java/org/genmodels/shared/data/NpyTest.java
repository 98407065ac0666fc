package org.genmodels.shared.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyTest {
  /** What {@code np.save(f, np.array([[1, 2, 3], [4, 5, 6]], dtype=np.float32))} writes. */
  private static byte[] numpyBytes() {
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    // numpy pads the header with spaces so that the data starts at a multiple of 64 bytes
    header = header + " ".repeat(128 - 10 - header.length() - 1) + "\n";
    byte[] preamble = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0};
    byte[] data = {0, 0, (byte) 0x80, 0x3f, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40,
                   0, 0, (byte) 0x80, 0x40, 0, 0, (byte) 0xa0, 0x40, 0, 0, (byte) 0xc0, 0x40};
    byte[] out = Arrays.copyOf(preamble, preamble.length + header.length() + data.length);
    System.arraycopy(header.getBytes(StandardCharsets.US_ASCII), 0, out, 10, header.length());
    System.arraycopy(data, 0, out, 10 + header.length(), data.length);
    return out;
  }

  @Test
  void readsWhatNumpyWrites() throws IOException {
    Npy.Array a = Npy.read(new ByteArrayInputStream(numpyBytes()), "a.npy");
    assertEquals("<f4", a.descr());
    assertArrayEquals(new int[] {2, 3}, a.shape());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.floats());
  }

  @Test
  void writesWhatNumpyWrites() {
    assertArrayEquals(numpyBytes(), Npy.encode(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
  }

  @Test
  void rejectsFortranOrderAndBadMagic() {
    byte[] fortran = numpyBytes();
    String s = new String(fortran, StandardCharsets.ISO_8859_1).replace("False", "True ");
    assertThrows(DatasetException.class,
        () -> Npy.read(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)), "f.npy"));
    assertThrows(DatasetException.class,
        () -> Npy.read(new ByteArrayInputStream(new byte[20]), "zeros.npy"));
  }

  @Test
  void readsFixedWidthByteStringsAndWritesAnyType() throws IOException {
    // np.save(f, np.array([b"ab", b"xyz"])): dtype |S3, each element NUL-padded to 3 bytes
    byte[] data = {'a', 'b', 0, 'x', 'y', 'z'};
    Npy.Array a = Npy.read(new ByteArrayInputStream(Npy.encode("|S3", new int[] {2}, data)), "s.npy");
    assertEquals("|S3", a.descr());
    assertArrayEquals(new int[] {2}, a.shape());
    assertArrayEquals(data, a.data());
    assertEquals(3, Npy.elementSize("|S3", "s.npy"));
    Npy.Array ints = Npy.read(new ByteArrayInputStream(Npy.encode("<i8", new int[] {}, new byte[] {7, 0, 0, 0, 0, 0, 0, 0})),
        "scalar.npy");
    assertArrayEquals(new int[] {}, ints.shape());
    assertEquals(8, ints.data().length);
  }

  @Test
  void shortStreamsAndLyingHeadersAreDataErrorsNamingTheFile() {
    DatasetException empty = assertThrows(DatasetException.class,
        () -> Npy.read(new ByteArrayInputStream(new byte[0]), "empty.npy"));
    assertTrue(empty.getMessage().contains("empty.npy is truncated"), empty.getMessage());

    // a header announcing 10^8 floats over 24 bytes of data: read as they come, no 400 MB array
    String big = new String(numpyBytes(), StandardCharsets.ISO_8859_1).replace("(2, 3), }      ", "(100000000,), }");
    DatasetException lying = assertThrows(DatasetException.class,
        () -> Npy.read(new ByteArrayInputStream(big.getBytes(StandardCharsets.ISO_8859_1)), "big.npy"));
    assertTrue(lying.getMessage().contains("its data has 24 of the 400000000 bytes"), lying.getMessage());

    String bad = new String(numpyBytes(), StandardCharsets.ISO_8859_1).replace("(2, 3)", "(2, x)");
    DatasetException shape = assertThrows(DatasetException.class,
        () -> Npy.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.ISO_8859_1)), "bad.npy"));
    assertTrue(shape.getMessage().contains("bad shape (2, x)"), shape.getMessage());

    byte[] v2 = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    DatasetException header = assertThrows(DatasetException.class,
        () -> Npy.read(new ByteArrayInputStream(v2), "v2.npy"));
    assertTrue(header.getMessage().contains("announces a .npy header of 4294967295 bytes"), header.getMessage());
  }
}
