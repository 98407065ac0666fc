package org.genmodels.shared.tf;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a sorted string table, the LevelDB table format TensorFlow writes a checkpoint's
 * {@code .index} file in (TF's {@code table_builder}): data blocks of prefix-compressed key/value
 * entries, an index block pointing to them, and a 48-byte footer ending in a magic number. Blocks
 * are stored raw (TF 1.x, TF Java) or Snappy-compressed (TF 2.x).
 */
final class SortedTable {
  private static final long MAGIC = 0xdb4775248b80fb57L;
  private static final int FOOTER = 48;
  private static final int TRAILER = 5;

  private SortedTable() {
  }

  /**
   * Every entry of the table, in key order: key (UTF-8) → value bytes.
   *
   * @throws IllegalArgumentException when {@code bytes} are not an uncompressed table;
   *                                  {@code name} is used in the message
   */
  static Map<String, byte[]> read(byte[] bytes, String name) {
    try {
      return table(bytes, name);
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw corrupt(name, "it ends inside an entry");
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith(name) ? e : corrupt(name, e.getMessage());
    }
  }

  private static Map<String, byte[]> table(byte[] bytes, String name) {
    if (bytes.length < FOOTER) {
      throw corrupt(name, "shorter than a table footer");
    }
    ByteBuffer footer = ByteBuffer.wrap(bytes, bytes.length - FOOTER, FOOTER).order(ByteOrder.LITTLE_ENDIAN);
    if (footer.getLong(bytes.length - 8) != MAGIC) {
      throw corrupt(name, "no table magic number at the end");
    }
    readVarint(footer); // the meta-index block: unused by TF
    readVarint(footer);
    long indexOffset = readVarint(footer);
    long indexSize = readVarint(footer);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    long next = 0;
    for (byte[] handle : block(bytes, indexOffset, indexSize, name).values()) {
      ByteBuffer h = ByteBuffer.wrap(handle);
      long offset = readVarint(h);
      long size = readVarint(h);
      // data blocks follow one another: a handle pointing back would have a block read many times
      if (offset < next) {
        throw corrupt(name, "its data blocks overlap");
      }
      entries.putAll(block(bytes, offset, size, name));
      next = offset + size + TRAILER;
    }
    return entries;
  }

  /** The entries of the block at {@code offset} of {@code size} bytes (trailer not included). */
  private static Map<String, byte[]> block(byte[] bytes, long offset, long size, String name) {
    if (offset < 0 || size < 0 || offset > bytes.length || size > bytes.length - offset - TRAILER) {
      throw corrupt(name, "a block handle points outside the file");
    }
    int type = bytes[(int) (offset + size)];
    byte[] raw;
    if (type == 0) {
      raw = Arrays.copyOfRange(bytes, (int) offset, (int) (offset + size));
    } else if (type == 1) {
      raw = Snappy.decompress(bytes, (int) offset, (int) (offset + size));
    } else {
      throw corrupt(name, "a block has unknown compression type " + type);
    }
    return entries(raw, name);
  }

  /** The entries of one uncompressed block: prefix-compressed entries, then the restart array. */
  private static Map<String, byte[]> entries(byte[] raw, String name) {
    if (raw.length < 4) {
      throw corrupt(name, "a block is shorter than its restart count");
    }
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    int restarts = b.getInt(raw.length - 4);
    long entriesEnd = raw.length - 4 - 4L * restarts;
    if (restarts < 0 || entriesEnd < 0) {
      throw corrupt(name, "a block has a bad restart array");
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    byte[] key = new byte[0];
    // each key repeats a prefix of the one before: bound what the repeats may add up to
    long keyBytesLeft = 16L * raw.length + (1 << 16);
    while (b.position() < entriesEnd) {
      long shared = readVarint(b);
      long unshared = readVarint(b);
      long valueLength = readVarint(b);
      // checked before anything is allocated: the lengths come from the file
      if (shared < 0 || shared > key.length || unshared < 0 || valueLength < 0
          || unshared > entriesEnd - b.position() || valueLength > entriesEnd - b.position() - unshared) {
        throw corrupt(name, "a block entry runs past its block");
      }
      keyBytesLeft -= shared + unshared;
      if (keyBytesLeft < 0) {
        throw corrupt(name, "its keys repeat long prefixes far more often than a checkpoint's do");
      }
      byte[] next = new byte[(int) (shared + unshared)];
      System.arraycopy(key, 0, next, 0, (int) shared);
      b.get(next, (int) shared, (int) unshared);
      byte[] value = new byte[(int) valueLength];
      b.get(value);
      key = next;
      entries.put(new String(key, StandardCharsets.UTF_8), value);
    }
    return entries;
  }

  /** A base-128 varint, least significant group first. */
  static long readVarint(ByteBuffer b) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte x = b.get();
      value |= (long) (x & 0x7f) << shift;
      if (x >= 0) {
        return value;
      }
    }
    throw new IllegalArgumentException("varint longer than 10 bytes");
  }

  private static IllegalArgumentException corrupt(String name, String what) {
    return new IllegalArgumentException(name + " is not a TensorFlow checkpoint index (" + what + ")");
  }
}
