package org.genmodels.shared.weights;

import java.nio.charset.StandardCharsets;

/**
 * Tells from a file's first bytes what kind of file it is, so that a reader that is handed the
 * wrong file can say what it got: an HDF5 file, a zip archive, a Python pickle, gzip data, text.
 * Stateless.
 */
final class FileKind {
  private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  private FileKind() {
  }

  /**
   * Whether {@code bytes} carry the HDF5 signature where HDF5 looks for it: at offset 0, or after a
   * user block at 512, 1024, 2048, … bytes.
   */
  static boolean isHdf5(byte[] bytes) {
    for (long offset = 0; offset + HDF5.length <= bytes.length; offset = offset == 0 ? 512 : offset * 2) {
      if (startsWith(bytes, (int) offset, HDF5)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code bytes} start as a zip archive does (a local file header, or an empty archive's end record). */
  static boolean isZip(byte[] bytes) {
    return startsWith(bytes, 0, new byte[] {'P', 'K', 3, 4}) || startsWith(bytes, 0, new byte[] {'P', 'K', 5, 6});
  }

  /** What {@code bytes} are, as the end of a sentence that begins "it": {@code "is a zip archive"}. */
  static String describe(byte[] bytes) {
    if (bytes.length == 0) {
      return "is empty";
    }
    if (isZip(bytes)) {
      return "is a zip archive";
    }
    int b0 = bytes[0] & 0xff;
    int b1 = bytes.length > 1 ? bytes[1] & 0xff : -1;
    if (b0 == 0x80 && b1 >= 2 && b1 <= 5) {
      return "is a Python pickle (a PyTorch file from before 1.6, or a Paddle .pdparams)";
    }
    if (b0 == 0x1f && b1 == 0x8b) {
      return "is gzip-compressed: decompress it first";
    }
    int n = Math.min(bytes.length, 24);
    boolean text = true;
    for (int i = 0; i < n; i++) {
      int c = bytes[i] & 0xff;
      text &= c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t';
    }
    if (text) {
      String start = new String(bytes, 0, n, StandardCharsets.US_ASCII).replaceAll("\\s+", " ");
      return "is text beginning \"" + start + "\"";
    }
    StringBuilder hex = new StringBuilder("begins with the bytes");
    for (int i = 0; i < Math.min(bytes.length, 8); i++) {
      hex.append(String.format(" %02x", bytes[i] & 0xff));
    }
    return hex.toString();
  }

  private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
    if (offset + prefix.length > bytes.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
