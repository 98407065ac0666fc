package org.genmodels.shared.weights;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the weights of Keras 3's HDF5 layout — a {@code .weights.h5} file, or the {@code
 * model.weights.h5} inside a {@code .keras} archive: each layer's variables are the datasets
 * {@code 0}, {@code 1}, … of a group {@code <path>/vars}, where the path follows the model's
 * attributes ({@code layers/dense/vars/0}, a nested model's {@code
 * layers/functional/layers/dense/vars/0}); the model's own {@code vars} sit at the root. Keras 3
 * stores no weight names: the index is the variable's position in the layer ({@code Dense}: 0 the
 * kernel, 1 the bias).
 *
 * <p><b>Naming.</b> An array is named by its HDF5 path without the {@code vars} step: {@code
 * layers/dense/0}. Within a layer the indices are in numeric order ({@code 2} before {@code 10}).
 * The model's own variables, at the root, keep it: {@code vars/0}. The optimizer's state ({@code
 * optimizer/vars/…}) is not read; a note says so. The origin is
 * {@code layer <path>, dataset <HDF5 path>}. Stateless.
 */
final class Keras3Layout {
  /** Deeper than any model; a file nested deeper is refused rather than walked. */
  private static final int MAX_DEPTH = 64;

  private Keras3Layout() {
  }

  /** Whether {@code root} looks like Keras 3's layout: it has a {@code vars} group. */
  static boolean matches(Group root) {
    return Hdf5Tree.group(root, "vars") != null;
  }

  /** Every array under a {@code vars} group of {@code root}, except the optimizer's. */
  static List<WeightArray> read(Group root, long fileBytes, String file, List<String> notes) {
    List<WeightArray> arrays = new ArrayList<>();
    walk(root, "", 0, new HashSet<>(), fileBytes, file, arrays);
    Group optimizer = Hdf5Tree.group(root, "optimizer");
    if (optimizer != null) {
      notes.add("optimizer: its state (under /optimizer) is not read");
    }
    notes.add("Keras 3 stores no weight names: an array's last step is the variable's index in its layer"
        + " (Dense and Conv: 0 kernel, 1 bias)");
    return arrays;
  }

  /**
   * Reads the {@code vars} groups under {@code group}. A group reached twice (HDF5 lets a group be
   * linked from several places, even from inside itself) is walked once: {@code visited} holds the
   * addresses walked, which bounds the work by the file's size.
   */
  private static void walk(Group group, String path, int depth, Set<Long> visited, long fileBytes, String file,
      List<WeightArray> out) {
    if (depth > MAX_DEPTH) {
      throw new WeightFileException(file + " nests its groups more than " + MAX_DEPTH + " deep (at "
          + Hdf5Tree.path(group) + "): it is damaged or not a Keras file. Give the .weights.h5 file Keras's"
          + " save_weights wrote.");
    }
    for (Map.Entry<String, Node> e : Hdf5Tree.children(group).entrySet()) {
      String childPath = path.isEmpty() ? e.getKey() : path + "/" + e.getKey();
      if (!(e.getValue() instanceof Group child) || depth == 0 && e.getKey().equals("optimizer")
          || !visited.add(child.getAddress())) {
        continue;
      }
      if (e.getKey().equals("vars")) {
        readVars(child, path, fileBytes, file, out);
      } else {
        walk(child, childPath, depth + 1, visited, fileBytes, file, out);
      }
    }
  }

  private static void readVars(Group vars, String layerPath, long fileBytes, String file, List<WeightArray> out) {
    List<Map.Entry<String, Node>> entries = new ArrayList<>(Hdf5Tree.children(vars).entrySet());
    entries.sort(Comparator.comparing((Map.Entry<String, Node> e) -> index(e.getKey()))
        .thenComparing(Map.Entry::getKey));
    for (Map.Entry<String, Node> e : entries) {
      if (e.getValue() instanceof Dataset dataset) {
        String name = (layerPath.isEmpty() ? "vars" : layerPath) + "/" + e.getKey();
        String layer = layerPath.isEmpty() ? "(the model)" : layerPath;
        String origin = "layer " + layer + ", dataset " + Hdf5Tree.path(dataset);
        out.add(Hdf5Arrays.read(dataset, name, origin, fileBytes, file));
      }
    }
  }

  /** The variable index a dataset name states; names that are not indices sort last. */
  private static long index(String name) {
    if (name.isEmpty() || name.length() > 9 || !name.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Long.MAX_VALUE;
    }
    return Long.parseLong(name);
  }
}
