package org.genmodels.shared.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads Keras' {@code mnist.npz}: a zip of {@code x_train.npy}, {@code y_train.npy},
 * {@code x_test.npy}, {@code y_test.npy}, uint8 arrays of shapes (N, 28, 28) and (N,).
 */
final class KerasNpz {
  private KerasNpz() {
  }

  /** The four arrays, with the SHA-256 each would have as a decompressed IDX file. */
  record Contents(Idx.Array trainImages, Idx.Array trainLabels, Idx.Array testImages,
                  Idx.Array testLabels) {
  }

  static Contents read(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return new Contents(array(zip, file, "x_train", 3), array(zip, file, "y_train", 1),
          array(zip, file, "x_test", 3), array(zip, file, "y_test", 1));
    } catch (ZipException e) {
      throw new DatasetException(file + " is not a readable .npz (zip) archive (" + e.getMessage()
          + "). Delete it and download it again.", e);
    } catch (IOException e) {
      throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Idx.Array array(ZipFile zip, Path file, String key, int rank) throws IOException {
    ZipEntry entry;
    try {
      entry = zip.getEntry(key + ".npy");
    } catch (IllegalArgumentException e) {
      // the JDK decodes an entry's comment only on lookup, and says bad UTF-8 unchecked
      throw (ZipException) new ZipException("an entry's name or comment is not valid UTF-8: " + e.getMessage())
          .initCause(e);
    }
    if (entry == null) {
      throw new DatasetException(file + " has no array '" + key + "': it is not Keras' mnist.npz");
    }
    String name = file + "!" + key + ".npy";
    Npy.Array array;
    try (InputStream in = zip.getInputStream(entry)) {
      array = Npy.read(in, name);
    } catch (EOFException e) {
      throw new DatasetException(name + " is truncated. Delete " + file + " and download it again.", e);
    }
    if (!array.descr().endsWith("u1") || array.shape().length != rank) {
      throw new DatasetException(name + " has dtype " + array.descr() + " and "
          + array.shape().length + " dimensions; expected uint8 with " + rank);
    }
    MessageDigest sha = Idx.sha256();
    sha.update(Idx.header(array.shape()));
    sha.update(array.data());
    return new Idx.Array(array.shape(), array.data(), HexFormat.of().formatHex(sha.digest()));
  }
}
