package org.genmodels.shared.weights;

/**
 * What the first bytes of a file that a reader refuses look like, so that its message can say what
 * the file is instead of only what it is not. Stateless.
 */
final class Formats {
  private Formats() {
  }

  /** E.g. {@code "it is a pickle (protocol 4)."}, from the file's first bytes. */
  static String describe(byte[] head) {
    if (head.length == 0) {
      return "it is empty.";
    }
    int b0 = head[0] & 0xff;
    if (b0 == 0x80 && head.length > 1) {
      return "it is a plain pickle (protocol " + (head[1] & 0xff) + "), as paddle.save or PyTorch before 1.6 write.";
    }
    if (starts(head, "\u0089HDF")) {
      return "it is an HDF5 file (Keras weights?).";
    }
    if (starts(head, "\u0093NUMPY")) {
      return "it is a numpy .npy array.";
    }
    if (starts(head, "PK\u0003\u0004")) {
      return "it is a zip archive.";
    }
    return "its first bytes are " + hex(head) + ".";
  }

  /** {@code text} cut to 60 characters with anything unprintable as '?', for quoting file contents. */
  static String printable(String text) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < text.length() && i < 60; i++) {
      char c = text.charAt(i);
      s.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return text.length() > 60 ? s + "..." : s.toString();
  }

  private static boolean starts(byte[] head, String prefix) {
    if (head.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if ((head[i] & 0xff) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String hex(byte[] head) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(8, head.length); i++) {
      s.append(String.format("%02x", head[i] & 0xff));
    }
    return s.toString();
  }
}
