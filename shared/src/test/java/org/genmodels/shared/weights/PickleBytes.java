package org.genmodels.shared.weights;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a pickle opcode by opcode, as Python's pickle module does for protocol 2 (the format of a
 * PyTorch {@code data.pkl}), so that tests build files by hand without the reader's unpickler.
 */
final class PickleBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  PickleBytes proto(int version) {
    return op(0x80).op(version);
  }

  PickleBytes global(String module, String name) {
    op('c');
    out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    return this;
  }

  PickleBytes mark() {
    return op('(');
  }

  /** BINUNICODE: a 4-byte little-endian length, then UTF-8. */
  PickleBytes str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    op('X').le(b.length, 4);
    out.writeBytes(b);
    return this;
  }

  /** BININT for 32-bit values, else LONG1 with 8 two's-complement bytes. */
  PickleBytes integer(long v) {
    if (v == (int) v) {
      return op('J').le(v, 4);
    }
    return op(0x8a).op(8).le(v, 8);
  }

  PickleBytes tuple() {
    return op('t');
  }

  PickleBytes emptyTuple() {
    return op(')');
  }

  PickleBytes emptyDict() {
    return op('}');
  }

  PickleBytes setitems() {
    return op('u');
  }

  PickleBytes reduce() {
    return op('R');
  }

  PickleBytes binpersid() {
    return op('Q');
  }

  PickleBytes bool(boolean b) {
    return op(b ? 0x88 : 0x89);
  }

  PickleBytes stop() {
    return op('.');
  }

  /** Any opcode or raw byte. */
  PickleBytes op(int b) {
    out.write(b);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  private PickleBytes le(long v, int width) {
    for (int i = 0; i < width; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
    return this;
  }
}
