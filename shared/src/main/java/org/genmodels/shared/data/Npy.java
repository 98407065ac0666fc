package org.genmodels.shared.data;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * numpy's {@code .npy} format (versions 1–3), as written by {@code np.save} and found inside
 * {@code .npz} archives. C-order arrays of the common numeric types are supported, and numpy's
 * fixed-width byte strings ({@code |S<n>}, each element n bytes padded with NULs).
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  /** numpy itself refuses headers over 10 000 bytes unless told otherwise. */
  private static final int MAX_HEADER = 1 << 20;
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {
  }

  /**
   * One array: its numpy type string ({@code |u1}, {@code <f4}, ...), its shape, and its raw
   * little-endian element bytes in C order.
   */
  public record Array(String descr, int[] shape, byte[] data) {
    public long elementCount() {
      long n = 1;
      for (int d : shape) {
        n *= d;
      }
      return n;
    }

    /** The elements as floats; {@code <f4} only. */
    public float[] floats() {
      requireDescr("<f4");
      float[] out = new float[(int) elementCount()];
      ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      return out;
    }

    private void requireDescr(String expected) {
      if (!descr.equals(expected)) {
        throw new IllegalArgumentException("array has dtype " + descr + ", expected " + expected);
      }
    }
  }

  /**
   * Reads one array. {@code name} is used in error messages only. No size in the header is trusted
   * to allocate: the bytes are read as they come, and a stream shorter than its header says is an
   * error.
   *
   * @throws DatasetException when the stream is not a supported .npy array, or is truncated
   */
  public static Array read(InputStream stream, String name) throws IOException {
    DataInputStream in = new DataInputStream(stream);
    try {
      return readArray(in, name);
    } catch (EOFException e) {
      throw new DatasetException(name + " is truncated: it ends inside its .npy header. Replace it with a"
          + " complete copy.", e);
    }
  }

  private static Array readArray(DataInputStream in, String name) throws IOException {
    byte[] magic = new byte[6];
    in.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new DatasetException(name + " is not a .npy array (bad magic bytes)");
    }
    int major = in.readUnsignedByte();
    in.readUnsignedByte();
    long headerLength;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
    } else if (major == 2 || major == 3) {
      headerLength = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
    } else {
      throw new DatasetException(name + " has unsupported .npy version " + major);
    }
    if (headerLength > MAX_HEADER) {
      throw new DatasetException(name + " announces a .npy header of " + headerLength + " bytes (numpy writes a"
          + " few hundred): the file is corrupt. Replace it.");
    }
    byte[] headerBytes = readExactly(in, (int) headerLength, name, "header");
    String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String descr = group(DESCR, header, name);
    if (group(FORTRAN, header, name).equals("True")) {
      throw new DatasetException(name + " is stored in Fortran order, which is not supported");
    }
    int[] shape = parseShape(group(SHAPE, header, name), name);
    long bytes = elementSize(descr, name);
    for (int d : shape) {
      if (d != 0 && bytes > (Integer.MAX_VALUE - 16) / d) {
        throw new DatasetException(name + " is too large (shape " + Arrays.toString(shape) + " of " + descr + ")");
      }
      bytes *= d;
    }
    return new Array(descr, shape, readExactly(in, (int) bytes, name, "data"));
  }

  /** {@code length} bytes, read as they come (a corrupt length cannot allocate more than the stream holds). */
  private static byte[] readExactly(InputStream in, int length, String name, String what) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new DatasetException(name + " is truncated: its " + what + " has " + bytes.length + " of the "
          + length + " bytes its header announces. Replace it with a complete copy.");
    }
    return bytes;
  }

  /** Writes a float32 array (numpy {@code <f4}) of the given shape. */
  public static byte[] encode(float[] values, int... shape) {
    ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    data.asFloatBuffer().put(values);
    return encode("<f4", shape, data.array());
  }

  /**
   * Writes an array of any supported type: {@code data} holds its raw little-endian elements in
   * C order ({@code elementSize(descr) · Π shape} bytes).
   */
  public static byte[] encode(String descr, int[] shape, byte[] data) {
    StringBuilder dims = new StringBuilder();
    for (int d : shape) {
      dims.append(d).append(shape.length == 1 ? "," : ", ");
    }
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': ("
        + dims.toString().replaceAll(", $", "") + "), }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream(unpadded + padding + data.length);
    out.writeBytes(MAGIC);
    out.write(1);
    out.write(0);
    out.write(header.length() & 0xFF);
    out.write(header.length() >>> 8);
    out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    return out.toByteArray();
  }

  private static String group(Pattern pattern, String header, String name) {
    Matcher m = pattern.matcher(header);
    if (!m.find()) {
      throw new DatasetException(name + " has a .npy header without " + pattern.pattern()
          + ": " + printable(header.trim()));
    }
    return m.group(1);
  }

  private static int[] parseShape(String text, String name) {
    try {
      int[] shape = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
          .mapToInt(Integer::parseInt).toArray();
      if (Arrays.stream(shape).allMatch(d -> d >= 0)) {
        return shape;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new DatasetException(name + " has a .npy header with a bad shape (" + printable(text)
        + "): the file is corrupt. Replace it.");
  }

  private static String printable(String text) {
    String cut = text.length() > 60 ? text.substring(0, 60) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }

  /**
   * Bytes per element of numpy type {@code descr}.
   *
   * @throws DatasetException for big-endian and unsupported types; {@code name} is used in the message
   */
  public static int elementSize(String descr, String name) {
    if (descr.length() < 3 || "<|=".indexOf(descr.charAt(0)) < 0) {
      throw new DatasetException(name + " has dtype " + descr + "; only little-endian arrays are supported");
    }
    if (descr.charAt(1) == 'S' && descr.substring(2).matches("[0-9]{1,9}")) {
      return Integer.parseInt(descr.substring(2));
    }
    switch (descr.substring(1)) {
      case "u1": case "i1": case "b1": return 1;
      case "f4": case "i4": case "u4": return 4;
      case "f8": case "i8": case "u8": return 8;
      default:
        throw new DatasetException(name + " has unsupported dtype " + descr);
    }
  }
}
