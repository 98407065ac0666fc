package org.genmodels.shared.tf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a LevelDB sorted table (a checkpoint index) by hand for tests: one raw data block, one
 * index block pointing to it, and the 48-byte footer. Keys must come sorted.
 */
final class TableBytes {
  private TableBytes() {
  }

  /** A table of {@code entries}, each key written whole (no shared prefixes). */
  static byte[] table(Map<String, byte[]> entries) {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
      varint(block, 0);
      varint(block, key.length);
      varint(block, e.getValue().length);
      block.writeBytes(key);
      block.writeBytes(e.getValue());
    }
    return table(block.toByteArray());
  }

  /** A table whose one data block holds {@code entryBytes} (then a restart array of one entry). */
  static byte[] table(byte[] entryBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] data = withRestarts(entryBytes);
    out.writeBytes(data);
    out.writeBytes(new byte[5]); // trailer: type 0 (raw), a CRC nobody checks
    ByteArrayOutputStream handle = new ByteArrayOutputStream();
    varint(handle, 0);
    varint(handle, data.length);
    ByteArrayOutputStream index = new ByteArrayOutputStream();
    varint(index, 0);
    varint(index, 1);
    varint(index, handle.size());
    index.write('~');
    index.writeBytes(handle.toByteArray());
    byte[] indexBlock = withRestarts(index.toByteArray());
    int indexOffset = out.size();
    out.writeBytes(indexBlock);
    out.writeBytes(new byte[5]);
    ByteArrayOutputStream footer = new ByteArrayOutputStream();
    varint(footer, 0);
    varint(footer, 0);
    varint(footer, indexOffset);
    varint(footer, indexBlock.length);
    footer.writeBytes(new byte[40 - footer.size()]);
    long magic = 0xdb4775248b80fb57L;
    for (int i = 0; i < 8; i++) {
      footer.write((int) (magic >>> (8 * i)));
    }
    out.writeBytes(footer.toByteArray());
    return out.toByteArray();
  }

  private static byte[] withRestarts(byte[] entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(entries);
    out.writeBytes(new byte[] {0, 0, 0, 0, 1, 0, 0, 0}); // one restart, at 0
    return out.toByteArray();
  }

  static void varint(ByteArrayOutputStream out, long v) {
    while (v >= 0x80) {
      out.write((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
  }
}
