package org.genmodels.shared.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.genmodels.shared.data.DatasetName.Part;

/**
 * Checks that files hold the data set asked for, by the SHA-256 of their decompressed content, and
 * says what is wrong in words a user can act on (corrupt, or the other data set). Stateless.
 */
final class DatasetChecks {
  private DatasetChecks() {
  }

  /**
   * An npz is accepted when the file is Keras' (its SHA-256) or its arrays equal the IDX
   * originals (the same data saved by another numpy).
   */
  static void verifyNpz(DatasetName name, Path file, KerasNpz.Contents c) {
    if (name.npzSha256() != null && name.npzSha256().equals(fileSha256(file))) {
      return;
    }
    verifyContent(name, Part.TRAIN_IMAGES, file, c.trainImages().sha256());
    verifyContent(name, Part.TRAIN_LABELS, file, c.trainLabels().sha256());
    verifyContent(name, Part.TEST_IMAGES, file, c.testImages().sha256());
    verifyContent(name, Part.TEST_LABELS, file, c.testLabels().sha256());
  }

  /** @throws DatasetException naming {@code file} when {@code sha256} is not {@code part}'s of {@code name} */
  static void verifyContent(DatasetName name, Part part, Path file, String sha256) {
    if (name.contentSha256(part).equals(sha256)) {
      return;
    }
    String other = "";
    for (DatasetName d : DatasetName.values()) {
      if (d != name && d.contentSha256(part).equals(sha256)) {
        other = " It holds " + d.displayName() + " " + part.fileName() + " instead: point "
            + name.displayName() + " at a directory with its own files.";
      }
    }
    throw new DatasetException(file + " is not " + name.displayName() + " " + part.fileName()
        + ": its decompressed content has SHA-256 " + sha256 + ", expected "
        + name.contentSha256(part) + "." + (other.isEmpty()
            ? " The file is corrupt or modified: delete it so that a good copy is found or downloaded."
            : other));
  }

  private static String fileSha256(Path file) {
    MessageDigest sha = Idx.sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new DatasetException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
