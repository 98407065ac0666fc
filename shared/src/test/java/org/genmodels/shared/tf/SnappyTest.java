package org.genmodels.shared.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Snappy blocks written by hand from the format description. */
class SnappyTest {
  @Test
  void literalThenOverlappingCopy() {
    // length 12; literal "abc" (tag (3-1)<<2); copy of 9 bytes from 3 back (kind 1: (9-4)<<2 | 1, offset 3)
    byte[] in = {12, 0x08, 'a', 'b', 'c', 0x15, 0x03};
    assertArrayEquals("abcabcabcabc".getBytes(StandardCharsets.US_ASCII), Snappy.decompress(in, 0, in.length));
  }

  @Test
  void twoByteOffsetCopyAndLongLiteral() {
    byte[] text = new byte[70];
    for (int i = 0; i < text.length; i++) {
      text[i] = (byte) ('A' + i % 26);
    }
    // literal of 70 bytes: tag 60<<2 then the length-1 in one byte; then copy 5 bytes from 70 back
    // (kind 2: (5-1)<<2 | 2, offset 70 as two little-endian bytes)
    byte[] in = new byte[1 + 2 + 70 + 3];
    in[0] = 75;
    in[1] = (byte) (60 << 2);
    in[2] = 69;
    System.arraycopy(text, 0, in, 3, 70);
    in[73] = (byte) ((4 << 2) | 2);
    in[74] = 70;
    in[75] = 0;
    byte[] expected = new byte[75];
    System.arraycopy(text, 0, expected, 0, 70);
    System.arraycopy(text, 0, expected, 70, 5);
    assertArrayEquals(expected, Snappy.decompress(in, 0, in.length));
  }

  @Test
  void rejectsCopiesBeforeTheStartAndWrongLengths() {
    byte[] badOffset = {4, 0x01, 0x05};
    assertThrows(IllegalArgumentException.class, () -> Snappy.decompress(badOffset, 0, badOffset.length));
    byte[] shortOutput = {5, 0x08, 'a', 'b', 'c'};
    assertThrows(IllegalArgumentException.class, () -> Snappy.decompress(shortOutput, 0, shortOutput.length));
  }

  @Test
  void refusesLengthsTheInputCannotHoldBeforeAllocating() {
    // 2^31 - 17 bytes announced by 6 bytes: no element expands more than 64 bytes from 3
    byte[] huge = {(byte) 0xef, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0x00};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Snappy.decompress(huge, 0, huge.length));
    assertTrue(e.getMessage().startsWith("snappy: bad uncompressed length 2147483631"), e.getMessage());
    // a literal whose 4-byte length is 2^32 - 1: its length + 1 must not wrap around
    byte[] literal = {4, (byte) (63 << 2), (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'a'};
    e = assertThrows(IllegalArgumentException.class, () -> Snappy.decompress(literal, 0, literal.length));
    assertEquals("snappy: literal runs past the end", e.getMessage());
  }
}
