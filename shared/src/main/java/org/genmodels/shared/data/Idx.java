package org.genmodels.shared.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST file format: a big-endian header {@code 0 0 type rank}, one
 * 32-bit size per dimension, then the data), gzip-compressed or not. Only unsigned-byte data
 * (type 0x08), which is what the MNIST-style data sets hold, is supported.
 */
public final class Idx {
  private static final int UNSIGNED_BYTE = 0x08;
  private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;

  private Idx() {
  }

  /**
   * An IDX array.
   *
   * @param dims    the sizes of the dimensions, outermost first
   * @param data    the elements, row-major
   * @param sha256  hex SHA-256 of the decompressed file (header and data)
   */
  public record Array(int[] dims, byte[] data, String sha256) {
  }

  /**
   * Reads one IDX file and checks that it has {@code rank} dimensions and exactly as many bytes as
   * its header announces.
   *
   * @throws DatasetException naming the file when it is missing, not IDX, truncated or corrupt
   */
  public static Array read(Path file, int rank) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      MessageDigest sha = sha256();
      InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
      try (DataInputStream data = new DataInputStream(new DigestInputStream(in, sha))) {
        Array array = readIdx(data, file, rank);
        if (data.read() != -1) {
          throw new DatasetException(file + " has bytes after the " + describe(array.dims)
              + " the IDX header announces: it is not a valid IDX file. Replace it with a fresh copy.");
        }
        return new Array(array.dims, array.data, HexFormat.of().formatHex(sha.digest()));
      }
    } catch (NoSuchFileException e) {
      throw new DatasetException("file not found: " + file, e);
    } catch (EOFException e) {
      throw new DatasetException(file + " is truncated (it ends before the data its header"
          + " announces). Delete it and download it again.", e);
    } catch (ZipException e) {
      throw new DatasetException(file + " is a corrupt gzip file (" + e.getMessage()
          + "). Delete it and download it again.", e);
    } catch (IOException e) {
      throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Array readIdx(DataInputStream in, Path file, int rank) throws IOException {
    int magic = in.readInt();
    int type = (magic >>> 8) & 0xFF;
    int fileRank = magic & 0xFF;
    if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || fileRank != rank) {
      throw new DatasetException(String.format(
          "%s is not an IDX file of unsigned bytes with %d dimension(s) (magic number 0x%08x,"
              + " expected 0x%08x). Check that the file is the right one.",
          file, rank, magic, (UNSIGNED_BYTE << 8) | rank));
    }
    int[] dims = new int[rank];
    long elements = 1;
    for (int i = 0; i < rank; i++) {
      dims[i] = in.readInt();
      if (dims[i] <= 0) {
        throw new DatasetException(file + " has a bad IDX header: dimension " + i + " is "
            + dims[i] + ". The file is corrupt; replace it.");
      }
      elements *= dims[i];
      if (elements > MAX_ELEMENTS) {
        throw new DatasetException(file + " announces more than 2^31 elements. The file is corrupt.");
      }
    }
    // read as the bytes come: a corrupt header must not decide an allocation the file cannot fill
    byte[] data = in.readNBytes((int) elements);
    if (data.length != elements) {
      throw new EOFException();
    }
    return new Array(dims, data, null);
  }

  static String describe(int[] dims) {
    StringBuilder s = new StringBuilder();
    for (int d : dims) {
      s.append(s.length() == 0 ? "" : "×").append(d);
    }
    return s.append(" bytes").toString();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * The IDX header of an unsigned-byte array with the given dimensions, for hashing data read
   * from elsewhere (an npz) exactly as the IDX file would be hashed.
   */
  static byte[] header(int[] dims) {
    byte[] header = new byte[4 + 4 * dims.length];
    header[2] = UNSIGNED_BYTE;
    header[3] = (byte) dims.length;
    for (int i = 0; i < dims.length; i++) {
      int d = dims[i];
      header[4 + 4 * i] = (byte) (d >>> 24);
      header[5 + 4 * i] = (byte) (d >>> 16);
      header[6 + 4 * i] = (byte) (d >>> 8);
      header[7 + 4 * i] = (byte) d;
    }
    return header;
  }
}
