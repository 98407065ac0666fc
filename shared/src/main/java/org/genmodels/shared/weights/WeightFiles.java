package org.genmodels.shared.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a weights file of any framework this project takes, telling the format from the file's
 * first bytes, not its name: HDF5 or a {@code .keras} zip → {@link KerasH5}; a zip with a
 * {@code data.pkl} record → {@link TorchStateDict} (which also names TorchScript archives); a plain
 * pickle → {@link PaddleStateDict}, unless it is PyTorch's pre-1.6 format, which
 * {@link TorchStateDict} refuses with the fix. Stateless.
 */
public final class WeightFiles {
  private static final byte[] ZIP = {'P', 'K', 3, 4};
  private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F'};
  /** The first bytes of the magic number PyTorch before 1.6 pickled first. */
  private static final byte[] TORCH_LEGACY = {(byte) 0x80, 0x02, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc};

  private WeightFiles() {
  }

  /**
   * The arrays of {@code file}.
   *
   * @throws WeightFileException when the file does not exist, is a directory, or is none of the
   *                             formats (saying what it is), or its reader refuses it
   */
  public static WeightFile read(Path file) {
    if (Files.isDirectory(file)) {
      throw new WeightFileException(file + " is a directory, not a weights file: give a PyTorch (.pt), Paddle"
          + " (.pdparams) or Keras (.h5, .weights.h5, .keras) file");
    }
    byte[] head = head(file);
    if (starts(head, HDF5)) {
      return KerasH5.read(file);
    }
    if (starts(head, ZIP)) {
      return holdsPickle(file) ? TorchStateDict.read(file) : KerasH5.read(file);
    }
    if (head.length > 0 && (head[0] & 0xff) == 0x80) {
      return starts(head, TORCH_LEGACY) ? TorchStateDict.read(file) : PaddleStateDict.read(file);
    }
    throw new WeightFileException(file + " is not a weights file this project reads: " + Formats.describe(head)
        + " It reads PyTorch's torch.save zip (.pt), Paddle's paddle.save (.pdparams) and Keras's HDF5 (.h5,"
        + " .weights.h5) and .keras files");
  }

  /** Whether the zip {@code file} holds a pickle record, as PyTorch's archives (and TorchScript's) do. */
  private static boolean holdsPickle(Path file) {
    try (ZipRecords zip = new ZipRecords(file)) {
      return zip.names().stream().anyMatch(n -> n.endsWith(".pkl"));
    } catch (IOException e) {
      // a damaged zip: the PyTorch reader says so with its fix
      return true;
    }
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(16);
    } catch (NoSuchFileException e) {
      throw new WeightFileException(file.toAbsolutePath() + " does not exist: check the path", e);
    } catch (IOException e) {
      throw new WeightFileException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean starts(byte[] head, byte[] prefix) {
    if (head.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (head[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
