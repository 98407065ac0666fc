package org.genmodels.shared.tf;

/**
 * Decompresses a raw Snappy block (the format of Google's snappy library, which TF 2.x uses for
 * the blocks of a checkpoint index): a varint with the uncompressed length, then elements that
 * are either literals or copies of earlier output. The tag's two low bits tell which: 0 literal,
 * 1 copy with an 11-bit offset, 2 copy with a 16-bit offset, 3 copy with a 32-bit offset.
 */
final class Snappy {
  private Snappy() {
  }

  /**
   * The uncompressed bytes of {@code in[from, to)}.
   *
   * @throws IllegalArgumentException when the input is not valid Snappy data
   */
  static byte[] decompress(byte[] in, int from, int to) {
    int[] pos = {from};
    long length = varint(in, pos, to);
    // no element yields more than 64 bytes from 3 (a copy with a 2-byte offset): a longer length is
    // a lie, and must not decide an allocation
    if (length < 0 || length > Integer.MAX_VALUE - 16 || length > 22L * (to - from)) {
      throw new IllegalArgumentException("snappy: bad uncompressed length " + length + " for " + (to - from)
          + " compressed bytes");
    }
    byte[] out = new byte[(int) length];
    int o = 0;
    int p = pos[0];
    while (p < to) {
      int tag = in[p++] & 0xff;
      int kind = tag & 3;
      if (kind == 0) {
        int len = tag >>> 2;
        long literal = len;
        if (len >= 60) {
          int bytes = len - 59;
          literal = littleEndian(in, p, bytes, to);
          p += bytes;
        }
        literal += 1;
        if (literal > to - p || literal > out.length - o) {
          throw new IllegalArgumentException("snappy: literal runs past the end");
        }
        len = (int) literal;
        System.arraycopy(in, p, out, o, len);
        p += len;
        o += len;
        continue;
      }
      int len;
      int offset;
      if (kind == 1) {
        len = ((tag >>> 2) & 7) + 4;
        offset = ((tag >>> 5) << 8) | (int) littleEndian(in, p, 1, to);
        p += 1;
      } else {
        int bytes = kind == 2 ? 2 : 4;
        len = (tag >>> 2) + 1;
        offset = (int) littleEndian(in, p, bytes, to);
        p += bytes;
      }
      if (offset <= 0 || offset > o || len > out.length - o) {
        throw new IllegalArgumentException("snappy: copy outside the output");
      }
      for (int i = 0; i < len; i++, o++) {
        out[o] = out[o - offset]; // byte by byte: a copy may overlap what it writes
      }
    }
    if (o != out.length) {
      throw new IllegalArgumentException("snappy: " + o + " bytes decoded, " + out.length + " announced");
    }
    return out;
  }

  private static long littleEndian(byte[] in, int p, int bytes, int to) {
    if (p + bytes > to) {
      throw new IllegalArgumentException("snappy: element runs past the end");
    }
    long v = 0;
    for (int i = 0; i < bytes; i++) {
      v |= (long) (in[p + i] & 0xff) << (8 * i);
    }
    return v;
  }

  private static long varint(byte[] in, int[] pos, int to) {
    long v = 0;
    for (int shift = 0; shift < 35 && pos[0] < to; shift += 7) {
      int b = in[pos[0]++];
      v |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("snappy: bad length varint");
  }
}
