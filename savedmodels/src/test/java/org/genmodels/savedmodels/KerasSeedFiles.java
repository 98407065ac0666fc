package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.weights.KerasH5;
import org.genmodels.shared.weights.WeightArray;
import org.genmodels.shared.weights.WeightFile;

/**
 * The Keras files the import tests read: the small seed-model files of {@code keras_seed/} (written
 * by its {@code make_files.py}) and the real packt conv VAE fixture, and in-memory variants of them
 * with one array replaced.
 */
final class KerasSeedFiles {
  private KerasSeedFiles() {
  }

  /** A file of {@code keras_seed/}. */
  static Path path(String name) {
    try {
      return Path.of(KerasSeedFiles.class.getResource("keras_seed/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new AssertionError("test resource keras_seed/" + name + " missing", e);
    }
  }

  static WeightFile read(String name) {
    return KerasH5.read(path(name));
  }

  /** The fixture folder {@code keras_h5/packt_vae_cnn_mnist}; the test is skipped, saying so, without it. */
  static Path packtDir() {
    Path dir = TestData.sharedDir().resolve("fixtures").resolve("keras_h5").resolve("packt_vae_cnn_mnist");
    assumeTrue(Files.isDirectory(dir), "fixture not found at " + dir.toAbsolutePath()
        + ": put ../shared beside the checkout to run this test");
    return dir;
  }

  static WeightFile packt() {
    return KerasH5.read(packtDir().resolve("vae_cnn_mnist.h5"));
  }

  /**
   * {@code file} with the arrays named in {@code replacements} (name, then shape) replaced by
   * zero float32 arrays of that shape.
   */
  static WeightFile withShapes(WeightFile file, Object... replacements) {
    List<WeightArray> arrays = new ArrayList<>(file.arrays());
    for (int r = 0; r < replacements.length; r += 2) {
      String name = (String) replacements[r];
      int[] shape = (int[]) replacements[r + 1];
      int index = arrays.indexOf(file.get(name).orElseThrow(() -> new AssertionError("no array " + name)));
      arrays.set(index, zeros(name, shape));
    }
    return new WeightFile(file.format(), arrays, file.notes());
  }

  /** {@code file} without the array {@code name}. */
  static WeightFile without(WeightFile file, String name) {
    List<WeightArray> arrays = new ArrayList<>(file.arrays());
    arrays.removeIf(a -> a.name().equals(name));
    return new WeightFile(file.format(), arrays, file.notes());
  }

  private static WeightArray zeros(String name, int[] shape) {
    ByteBuffer data = ByteBuffer.allocate((int) WeightArray.elementCount(shape) * 4).order(ByteOrder.LITTLE_ENDIAN);
    return new WeightArray(name, WeightArray.DType.FLOAT32, shape, data, name);
  }
}
