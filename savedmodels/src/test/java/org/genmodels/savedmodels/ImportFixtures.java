package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.weights.WeightArray;
import org.genmodels.shared.weights.WeightFile;

/**
 * The framework fixtures of {@code ../shared/fixtures/pytorch/} (see its README) and edits of
 * their weights for the importers' tests: a key dropped, added or reshaped, a Java value replaced.
 */
final class ImportFixtures {
  private ImportFixtures() {
  }

  /** One fixture's folder, e.g. {@code seed004_vae}; the test is skipped, saying so, when absent. */
  static Path dir(String name) {
    Path dir = TestData.sharedDir().resolve("fixtures").resolve("pytorch").resolve(name);
    assumeTrue(Files.isDirectory(dir), "PyTorch fixtures not found at " + dir.toAbsolutePath());
    return dir;
  }

  /** A float32 array. */
  static WeightArray array(String name, float[] values, int... shape) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new WeightArray(name, WeightArray.DType.FLOAT32, shape, b, name);
  }

  /** {@code file} without the array {@code name}. */
  static WeightFile without(WeightFile file, String name) {
    List<WeightArray> arrays = new ArrayList<>(file.arrays());
    arrays.removeIf(a -> a.name().equals(name));
    return new WeightFile(file.format(), arrays, file.notes());
  }

  /** {@code file} with {@code array} added, or in place of the array of its name. */
  static WeightFile with(WeightFile file, WeightArray array) {
    List<WeightArray> arrays = new ArrayList<>(without(file, array.name()).arrays());
    arrays.add(array);
    return new WeightFile(file.format(), arrays, file.notes());
  }

  /** {@code model} with the Java variable {@code name} set to {@code values}. */
  static ImportedModel replaced(ImportedModel model, String name, float[] values) {
    Map<String, float[]> v = new LinkedHashMap<>(model.values());
    v.put(name, values);
    return new ImportedModel(model.config(), v, model.source());
  }

  /** {@code values} as rows of {@code width}. */
  static float[][] rows(float[] values, int width) {
    float[][] r = new float[values.length / width][];
    for (int i = 0; i < r.length; i++) {
      r[i] = java.util.Arrays.copyOfRange(values, i * width, (i + 1) * width);
    }
    return r;
  }

  /** The rows one after the other. */
  static float[] flat(float[][] rows) {
    int width = rows.length == 0 ? 0 : rows[0].length;
    float[] f = new float[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, f, i * width, width);
    }
    return f;
  }

  /** Prints the lines, as the tests show each max abs difference. */
  static void print(String title, List<ParityLine> lines) {
    System.out.println(title);
    for (ParityLine l : lines) {
      System.out.printf(java.util.Locale.ROOT, "  %-60s max abs diff %.3g (tolerance %.3g) %s%n", l.what(),
          l.maxAbsDiff(), l.tolerance(), l.passes() ? "ok" : "FAILS");
    }
  }
}
