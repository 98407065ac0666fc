package org.genmodels.shared.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genmodels.shared.data.DatasetName.Part;

/**
 * One place {@link DatasetLoader} looks at: a directory of the four IDX files or an npz file. It
 * says whether the files are there without reading them, and reads them checked against the data
 * set's SHA-256s ({@link DatasetChecks}). Immutable and thread-safe.
 */
sealed interface DataPlace {
  /** Why this place has no data, or empty when it has the files (which may still be corrupt). */
  Optional<String> missing();

  /** The kind of place and its path, e.g. {@code Keras cache /home/u/.keras/datasets/mnist.npz}. */
  String describe();

  /**
   * Reads and checks both splits.
   *
   * @throws DatasetException when a file cannot be read or is not {@code name}'s
   */
  ImageData read(DatasetName name);

  /** A directory with the four IDX files, each {@code .gz} or not. */
  record IdxDir(Path dir, String kind) implements DataPlace {
    @Override
    public String describe() {
      return kind + " " + dir;
    }

    @Override
    public Optional<String> missing() {
      if (!Files.isDirectory(dir)) {
        return Optional.of("no such directory");
      }
      List<String> absent = new ArrayList<>();
      for (Part part : Part.values()) {
        if (file(part).isEmpty()) {
          absent.add(part.gzFileName());
        }
      }
      return absent.isEmpty() ? Optional.empty() : Optional.of("missing " + String.join(", ", absent));
    }

    private Optional<Path> file(Part part) {
      for (String fileName : List.of(part.gzFileName(), part.fileName())) {
        Path f = dir.resolve(fileName);
        if (Files.isRegularFile(f)) {
          return Optional.of(f);
        }
      }
      return Optional.empty();
    }

    @Override
    public ImageData read(DatasetName name) {
      Map<Part, Idx.Array> arrays = new EnumMap<>(Part.class);
      for (Part part : Part.values()) {
        Path f = file(part).orElseThrow(() -> new DatasetException(
            describe() + ": " + part.gzFileName() + " has gone"));
        Idx.Array array = Idx.read(f, part.rank());
        DatasetChecks.verifyContent(name, part, f, array.sha256());
        arrays.put(part, array);
      }
      return assemble(name, arrays, describe());
    }
  }

  /** Keras' {@code mnist.npz}, or an npz with the same four arrays. */
  record Npz(Path file, String kind) implements DataPlace {
    @Override
    public String describe() {
      return kind + " " + file;
    }

    @Override
    public Optional<String> missing() {
      return Files.isRegularFile(file) ? Optional.empty() : Optional.of("not found");
    }

    @Override
    public ImageData read(DatasetName name) {
      KerasNpz.Contents c = KerasNpz.read(file);
      DatasetChecks.verifyNpz(name, file, c);
      Map<Part, Idx.Array> arrays = new EnumMap<>(Part.class);
      arrays.put(Part.TRAIN_IMAGES, c.trainImages());
      arrays.put(Part.TRAIN_LABELS, c.trainLabels());
      arrays.put(Part.TEST_IMAGES, c.testImages());
      arrays.put(Part.TEST_LABELS, c.testLabels());
      return assemble(name, arrays, describe());
    }
  }

  private static ImageData assemble(DatasetName name, Map<Part, Idx.Array> a, String source) {
    return new ImageData(name, imageSet(a.get(Part.TRAIN_IMAGES), a.get(Part.TRAIN_LABELS)),
        imageSet(a.get(Part.TEST_IMAGES), a.get(Part.TEST_LABELS)), source);
  }

  private static ImageSet imageSet(Idx.Array images, Idx.Array labels) {
    int[] d = images.dims();
    return new ImageSet(d[0], d[1], d[2], images.data(), labels.data());
  }
}
