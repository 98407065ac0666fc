package org.genmodels.shared.weights;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a Keras 3 {@code .keras} file: a zip archive of {@code config.json} (the model's
 * configuration), {@code metadata.json} ({@code keras_version}) and {@code model.weights.h5} (the
 * weights, in Keras 3's HDF5 layout, read by {@link KerasH5}). Only those three entries are
 * decompressed, each into memory as its bytes arrive, up to a limit, so a size field in the archive
 * never decides an allocation. Stateless.
 */
final class KerasArchive {
  static final String CONFIG = "config.json";
  static final String METADATA = "metadata.json";
  static final String WEIGHTS = "model.weights.h5";
  private static final long MAX_JSON_BYTES = 64L << 20;

  private KerasArchive() {
  }

  /** The weights of the {@code .keras} archive {@code bytes}; {@code file} names it in messages. */
  static WeightFile read(byte[] bytes, String file) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        String name = entry.getName();
        names.add(name);
        if (name.equals(CONFIG) || name.equals(METADATA)) {
          entries.put(name, readEntry(zip, MAX_JSON_BYTES, name, file));
        } else if (name.equals(WEIGHTS)) {
          entries.put(name, readEntry(zip, Hdf5Arrays.MAX_BYTES, name, file));
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new WeightFileException(file + " is a damaged zip archive (" + e.getMessage() + "). Copy the file again,"
          + " or save the model again with model.save.", e);
    }
    byte[] weights = entries.get(WEIGHTS);
    if (weights == null) {
      throw refusal(file, names);
    }
    WeightFile inner = KerasH5.readHdf5(weights, WEIGHTS + " in " + file);
    List<String> notes = new ArrayList<>();
    if (entries.containsKey(METADATA)) {
      notes.add("metadata.json: " + new String(entries.get(METADATA), StandardCharsets.UTF_8).strip());
    }
    if (entries.containsKey(CONFIG)) {
      String config = new String(entries.get(CONFIG), StandardCharsets.UTF_8);
      notes.add("model_config (config.json):\n" + KerasConfig.outline(config));
    }
    notes.addAll(inner.notes());
    if (entries.containsKey(CONFIG)) {
      notes.add("model_config JSON: " + new String(entries.get(CONFIG), StandardCharsets.UTF_8).strip());
    }
    return new WeightFile("Keras 3 model (.keras)", inner.arrays(), notes);
  }

  private static WeightFileException refusal(String file, List<String> names) {
    if (names.contains(WEIGHTS.replace(".h5", ".npz"))) {
      return new WeightFileException(file + " holds its weights as model.weights.npz, which this reader does not"
          + " read. Save the model with Keras's default weights format (model.save(\"model.keras\")), or"
          + " its weights alone with model.save_weights(\"model.weights.h5\").");
    }
    if (names.contains(CONFIG)) {
      return new WeightFileException(file + " is a .keras archive without " + WEIGHTS + ": it holds no weights."
          + " Save the model again with model.save(\"model.keras\").");
    }
    if (names.stream().anyMatch(n -> n.endsWith("data.pkl"))) {
      return new WeightFileException(file + " is a PyTorch torch.save archive, not a Keras file: read it as a"
          + " PyTorch state dict.");
    }
    List<String> shown = names.size() > 10 ? names.subList(0, 10) : names;
    return new WeightFileException(file + " is a zip archive but not a Keras .keras file (no " + CONFIG + " and "
        + WEIGHTS + "; it holds " + (names.isEmpty() ? "nothing" : String.join(", ", shown)
        + (names.size() > 10 ? ", …" : "")) + "). Give the file Keras's model.save or save_weights wrote.");
  }

  private static byte[] readEntry(InputStream in, long limit, String name, String file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > limit) {
        throw new WeightFileException(file + ": its entry " + name + " is larger than " + limit
            + " bytes, more than this reader takes.");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
