package org.genmodels.shared.weights;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.storage.HdfBackingStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Keras weights files without TensorFlow or Python, through the pure-Java HDF5 reader jhdf:
 *
 * <ul>
 *   <li>Keras 1/2 and {@code tf.keras} {@code save_weights} files ({@code .h5}: root attributes
 *       {@code layer_names}, {@code keras_version}, {@code backend}) and {@code model.save} files
 *       (the same under {@code model_weights/}, beside the root attributes {@code model_config}
 *       and {@code training_config}); nested models, name lists as fixed- or variable-length
 *       strings, lists split into {@code layer_names0}, {@code layer_names1}, …. Arrays are named
 *       by their Keras path without {@code :0}: see {@link Keras2Layout}.
 *   <li>Keras 3 {@code .weights.h5} files and {@code .keras} archives: see {@link Keras3Layout}
 *       and {@link KerasArchive}.
 * </ul>
 *
 * <p>Arrays keep the file's layout (a Dense kernel is {@code [in, out]}, a Conv2D kernel {@code
 * [kh, kw, in, out]}, a Conv2DTranspose kernel {@code [kh, kw, out, in]}) and dtype (float16,
 * float32, float64; integers). {@link WeightFile#notes()} holds what {@code inspect} may show beside
 * them: for a Keras 2 file first the layers with their array counts ({@code layers: encoder_input
 * (no weights), encoder (10 arrays), …}); for a {@code model.save} or {@code .keras} file also the
 * outline of the model configuration (the layers' classes and names, see {@link KerasConfig}),
 * {@code training_config} as stored, a line when optimizer state was left out, and last the whole
 * configuration JSON, prefixed {@code model_config JSON: }.
 *
 * <p>The file is untrusted input. It is read into memory whole (at most 2 GiB), so jhdf reads its
 * structures as slices of those bytes; the sizes of arrays and name lists are checked against what
 * the file holds before jhdf allocates them, and HDF5 links are not followed.
 * Every failure is a {@link WeightFileException} that names the file, what is wrong and the fix.
 * Stateless and thread-safe.
 */
public final class KerasH5 {
  static {
    // jhdf logs through SLF4J; with no SLF4J binding on the class path SLF4J would print three
    // warning lines to stderr the first time a user reads a file. Only SLF4J's own reports are
    // silenced, and only when nobody has chosen their level.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
  }

  private KerasH5() {
  }

  /**
   * Reads {@code file}: a Keras HDF5 file ({@code .h5}, {@code .hdf5}, {@code .weights.h5}) or a
   * {@code .keras} archive, told apart by their contents, not their names.
   *
   * @throws WeightFileException when the file is missing, not a Keras file, or damaged
   */
  public static WeightFile read(Path file) {
    if (Files.isDirectory(file)) {
      throw new WeightFileException(file + " is a directory, not a Keras weights file: give the .h5, .weights.h5 or"
          + " .keras file that Keras wrote.");
    }
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > Hdf5Arrays.MAX_BYTES) {
        throw new WeightFileException(file + " has " + size + " bytes; this reader takes Keras files of up to 2 GiB.");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new WeightFileException(file + " does not exist: check the path.", e);
    } catch (IOException e) {
      throw new WeightFileException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return read(bytes, file.toString());
  }

  /**
   * Reads the file whose contents are {@code bytes}; {@code file} names it in messages.
   *
   * @throws WeightFileException as {@link #read(Path)}
   */
  public static WeightFile read(byte[] bytes, String file) {
    if (FileKind.isZip(bytes)) {
      return KerasArchive.read(bytes, file);
    }
    return readHdf5(bytes, file);
  }

  /** Reads an HDF5 file of either Keras layout; every failure of jhdf's becomes a WeightFileException. */
  static WeightFile readHdf5(byte[] bytes, String file) {
    if (!FileKind.isHdf5(bytes)) {
      throw new WeightFileException(file + " is not an HDF5 file: it " + FileKind.describe(bytes) + ". Keras"
          + " weights files (.h5, .weights.h5) and .keras archives are; give the file that Keras's save_weights"
          + " or model.save wrote.");
    }
    try (HdfFile hdf = HdfFile.fromByteBuffer(ByteBuffer.wrap(bytes))) {
      checkComplete(hdf.getHdfBackingStorage(), bytes.length, file);
      return readKeras(hdf, bytes.length, file);
    } catch (WeightFileException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new WeightFileException(file + " is a damaged HDF5 file (" + reason + "). Save the weights again, or"
          + " copy the file again.", e);
    }
  }

  private static void checkComplete(HdfBackingStorage storage, long length, String file) {
    long end = storage.getSuperblock().getBaseAddressByte() + storage.getSuperblock().getEndOfFileAddress();
    if (end > length) {
      throw new WeightFileException(file + " is truncated: it has " + length + " bytes, but its HDF5 header says it"
          + " has " + end + ". Copy or download it again: an interrupted copy cuts a file short.");
    }
  }

  private static WeightFile readKeras(HdfFile root, long fileBytes, String file) {
    List<String> notes = new ArrayList<>();
    String version = Hdf5Attributes.text(root, "keras_version", file);
    List<String> layerNames = Hdf5Attributes.names(root, "layer_names", file);
    if (layerNames != null) {
      List<WeightArray> arrays = Keras2Layout.read(root, layerNames, fileBytes, file, notes);
      return new WeightFile(keras(version) + " HDF5 weights (save_weights)", arrays, notes);
    }
    Group modelWeights = Hdf5Tree.group(root, "model_weights");
    if (modelWeights != null) {
      layerNames = Hdf5Attributes.names(modelWeights, "layer_names", file);
      if (layerNames == null) {
        throw new WeightFileException(file + " is damaged: its model_weights group has no layer_names attribute."
            + " Save the model again, or copy the file again.");
      }
      if (version == null) {
        version = Hdf5Attributes.text(modelWeights, "keras_version", file);
      }
      List<WeightArray> arrays = Keras2Layout.read(modelWeights, layerNames, fileBytes, file, notes);
      String config = Hdf5Attributes.text(root, "model_config", file);
      String training = Hdf5Attributes.text(root, "training_config", file);
      if (config != null) {
        notes.add("model_config:\n" + KerasConfig.outline(config));
      }
      if (training != null) {
        notes.add("training_config: " + training);
      }
      if (Hdf5Tree.group(root, "optimizer_weights") != null) {
        notes.add("optimizer_weights: the optimizer's state is not read");
      }
      if (config != null) {
        notes.add("model_config JSON: " + config);
      }
      return new WeightFile(keras(version) + " HDF5 model (model.save)", arrays, notes);
    }
    if (Keras3Layout.matches(root)) {
      List<WeightArray> arrays = Keras3Layout.read(root, fileBytes, file, notes);
      return new WeightFile("Keras 3 weights (.weights.h5)", arrays, notes);
    }
    throw new WeightFileException(file + " is an HDF5 file but not a Keras weights file: it has no root attribute"
        + " layer_names (Keras 2 save_weights), no model_weights group (Keras 2 model.save) and no vars group"
        + " (Keras 3 .weights.h5); its root holds " + contents(root) + ". Give the .h5 file that Keras's"
        + " save_weights or model.save wrote.");
  }

  private static String keras(String version) {
    return version == null ? "Keras" : "Keras " + version;
  }

  private static String contents(HdfFile root) {
    List<String> attributes = new ArrayList<>(root.getAttributes().keySet());
    List<String> children = new ArrayList<>();
    for (Map.Entry<String, Node> e : Hdf5Tree.children(root).entrySet()) {
      children.add(e.getKey() + (e.getValue() instanceof Group ? "/" : ""));
    }
    return "the attributes " + shortList(attributes) + " and the objects " + shortList(children);
  }

  private static String shortList(List<String> names) {
    return names.isEmpty() ? "[]"
        : names.size() <= 8 ? names.toString() : names.subList(0, 8).toString().replace("]", ", …]");
  }
}
