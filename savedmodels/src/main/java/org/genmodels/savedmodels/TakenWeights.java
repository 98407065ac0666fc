package org.genmodels.savedmodels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.weights.WeightArray;
import org.genmodels.shared.weights.WeightFile;

/**
 * One weights file of another framework as an importer consumes it: every array taken by key
 * exactly once, its shape checked against what the Java model needs, and what is left over
 * reported. Problems are collected rather than thrown one at a time, so that a user sees every
 * missing, misshapen and unexpected array of a file in one message ({@link #finish}).
 *
 * <p>Not thread-safe: one per import.
 */
final class TakenWeights {
  private final WeightFile file;
  private final String source;
  private final String model;
  private final Set<String> taken = new HashSet<>();
  private final List<String> problems = new ArrayList<>();

  /**
   * @param file   the arrays read from the file
   * @param source the file, for messages
   * @param model  what the file should hold, for messages (e.g. {@code seed 004's VAE})
   */
  TakenWeights(WeightFile file, String source, String model) {
    this.file = file;
    this.source = source;
    this.model = model;
  }

  /** Whether the file holds {@code key}. */
  boolean has(String key) {
    return file.get(key).isPresent();
  }

  /**
   * The shape of {@code key}, which sizes the model, so it cannot wait for {@link #finish}.
   *
   * @param expected the shape expected, with {@code -1} for the sizes this shape is to tell, for messages
   * @throws UserException when the file has no {@code key}, or it has another rank
   */
  int[] shape(String key, String expected, int rank) {
    WeightArray a = file.get(key).orElseThrow(() -> new UserException(source + " has no " + key + " (expected "
        + expected + "): it is not " + model + ". It holds " + contents()));
    if (a.shape().length != rank) {
      throw new UserException(source + ": " + key + " is " + a.describe() + ", expected " + expected + " for "
          + model);
    }
    return a.shape();
  }

  /**
   * The values of {@code key}, float32, row-major in its own layout; zeros of that size, with the
   * problem noted for {@link #finish}, when the file lacks it or has it in another shape.
   */
  float[] take(String key, int... shape) {
    long size = WeightArray.elementCount(shape);
    WeightArray a = file.get(key).orElse(null);
    if (a == null) {
      problems.add("no " + key + " (expected " + Arrays.toString(shape) + ")");
      return new float[Math.toIntExact(size)];
    }
    if (!taken.add(key)) {
      throw new IllegalStateException("the importer of " + model + " takes " + key + " twice");
    }
    boolean floating = a.dtype() == WeightArray.DType.FLOAT32 || a.dtype() == WeightArray.DType.FLOAT64
        || a.dtype() == WeightArray.DType.FLOAT16;
    if (!Arrays.equals(a.shape(), shape) || !floating) {
      problems.add(key + " is " + a.describe() + ", expected float32 " + Arrays.toString(shape));
      return new float[Math.toIntExact(size)];
    }
    return a.floats();
  }

  /**
   * Ends the import of this file.
   *
   * @throws UserException listing every missing or misshapen array taken and every array of the
   *                       file not taken, with the model the file was read as
   */
  void finish() {
    List<String> all = new ArrayList<>(problems);
    for (WeightArray a : file.arrays()) {
      if (!taken.contains(a.name())) {
        all.add("unexpected " + a.name() + " " + a.describe());
      }
    }
    if (!all.isEmpty()) {
      throw new UserException(source + " does not hold " + model + ": " + String.join("; ", all)
          + ". It holds " + contents());
    }
  }

  private String contents() {
    List<String> keys = new ArrayList<>();
    for (WeightArray a : file.arrays()) {
      keys.add(a.name() + " " + Arrays.toString(a.shape()));
    }
    return keys.isEmpty() ? "no arrays" : String.join(", ", keys);
  }
}
