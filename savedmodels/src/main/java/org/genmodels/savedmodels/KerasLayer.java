package org.genmodels.savedmodels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.weights.WeightArray;
import org.genmodels.shared.weights.WeightFile;

/**
 * One layer of a Keras weights file: the arrays whose names share everything before the last
 * {@code /} ({@code sequential/dense_1/kernel} and {@code sequential/dense_1/bias} are the layer
 * {@code sequential/dense_1}; Keras 3's {@code layers/dense/0} and {@code layers/dense/1} the layer
 * {@code layers/dense}), in the file's order. The importers match a file's layers to a model by
 * their order and shapes, not by their names: Keras names layers by how many of a kind a session
 * had built before ({@code dense}, {@code dense_7}, 1-based in Keras 2.1), which says nothing about
 * their role. Immutable.
 *
 * @param path   the layer's path in the file, e.g. {@code encoder/conv2d_1}
 * @param arrays its arrays in file order (Keras: kernel, then bias)
 */
record KerasLayer(String path, List<WeightArray> arrays) {
  KerasLayer {
    arrays = List.copyOf(arrays);
  }

  /** The layers of {@code file}, in its order. */
  static List<KerasLayer> of(WeightFile file) {
    Map<String, List<WeightArray>> byPath = new LinkedHashMap<>();
    for (WeightArray a : file.arrays()) {
      int slash = a.name().lastIndexOf('/');
      String path = slash < 0 ? a.name() : a.name().substring(0, slash);
      byPath.computeIfAbsent(path, p -> new ArrayList<>()).add(a);
    }
    List<KerasLayer> layers = new ArrayList<>();
    byPath.forEach((path, arrays) -> layers.add(new KerasLayer(path, arrays)));
    return layers;
  }

  /**
   * Whether the layer is a Dense layer's: a floating-point kernel {@code [in, out]} followed by a
   * bias {@code [out]}.
   */
  boolean isDense() {
    if (arrays.size() != 2 || !floating(arrays.get(0)) || !floating(arrays.get(1))) {
      return false;
    }
    int[] kernel = arrays.get(0).shape();
    int[] bias = arrays.get(1).shape();
    return kernel.length == 2 && bias.length == 1 && bias[0] == kernel[1];
  }

  /** Whether the layer is a floating-point kernel of shape {@code kernel} followed by a bias {@code [bias]}. */
  boolean hasKernelAndBias(int[] kernel, int bias) {
    return arrays.size() == 2 && floating(arrays.get(0)) && floating(arrays.get(1))
        && Arrays.equals(arrays.get(0).shape(), kernel) && Arrays.equals(arrays.get(1).shape(), new int[] {bias});
  }

  /** The kernel's shape: the first array's. */
  int[] kernelShape() {
    return arrays.get(0).shape();
  }

  /** The kernel's values in the file's layout, row-major. */
  float[] kernel() {
    return arrays.get(0).floats();
  }

  /** The bias's values. */
  float[] bias() {
    return arrays.get(1).floats();
  }

  /** E.g. {@code encoder/conv2d_1 (kernel float32 [3, 3, 1, 32], bias float32 [32])}. */
  String describe() {
    List<String> parts = new ArrayList<>();
    for (WeightArray a : arrays) {
      String name = a.name();
      parts.add(name.substring(name.lastIndexOf('/') + 1) + " " + a.describe());
    }
    return path + " (" + String.join(", ", parts) + ")";
  }

  /** Every layer described, in order, separated by semicolons. */
  static String describeAll(List<KerasLayer> layers) {
    if (layers.isEmpty()) {
      return "no arrays at all";
    }
    return String.join("; ", layers.stream().map(KerasLayer::describe).toList());
  }

  /** E.g. {@code [784, 16]}. */
  static String shape(int... dims) {
    return Arrays.toString(dims);
  }

  private static boolean floating(WeightArray a) {
    return switch (a.dtype()) {
      case FLOAT16, FLOAT32, FLOAT64 -> true;
      default -> false;
    };
  }
}
