package org.genmodels.shared.weights;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the weights of Keras 1/2's HDF5 layout (standalone Keras and {@code tf.keras} before
 * Keras 3): a group whose attribute {@code layer_names} lists the layers in model order, and for
 * each layer a group of that name whose attribute {@code weight_names} lists its weights as paths
 * relative to the layer group. That group is the file's root for a {@code save_weights} file and
 * {@code model_weights/} for a {@code model.save} file.
 *
 * <p><b>Naming.</b> Each array is named by its Keras path without the {@code :0} suffix: the layer
 * name, then the weight name. A plain layer's weight names already start with the layer's name
 * ({@code dense_1/kernel:0} in layer {@code dense_1}): that name is used as it is, {@code
 * dense_1/kernel}. A nested model's weight names start with its inner layers' names ({@code
 * dense_1/kernel:0} in layer {@code encoder}), so the layer name goes in front: {@code
 * encoder/dense_1/kernel}. The origin is {@code layer <layer path>, dataset <HDF5 path>}.
 * Stateless.
 */
final class Keras2Layout {
  private Keras2Layout() {
  }

  /** The arrays of {@code weights} (the group with {@code layer_names}), in layer order. */
  static List<WeightArray> read(Group weights, List<String> layerNames, long fileBytes, String file,
      List<String> notes) {
    List<WeightArray> arrays = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<String> outline = new ArrayList<>();
    for (String layer : layerNames) {
      Group group = Hdf5Tree.group(weights, layer);
      if (group == null) {
        throw new WeightFileException(file + " is damaged: layer_names of " + Hdf5Tree.path(weights)
            + " lists the layer " + quote(layer) + ", but the file has no group of that name. Save the weights"
            + " again, or copy the file again.");
      }
      List<String> weightNames = Hdf5Attributes.names(group, "weight_names", file);
      if (weightNames == null) {
        throw new WeightFileException(file + " is damaged: the layer group " + Hdf5Tree.path(group)
            + " has no weight_names attribute. Save the weights again, or copy the file again.");
      }
      for (String weightName : weightNames) {
        Dataset dataset = Hdf5Tree.dataset(group, weightName);
        if (dataset == null) {
          throw new WeightFileException(file + " is damaged: the layer " + quote(layer) + " lists the weight "
              + quote(weightName) + ", but " + Hdf5Tree.path(group) + " has no dataset at that path. Save the weights"
              + " again, or copy the file again.");
        }
        String name = arrayName(layer, weightName);
        if (!seen.add(name)) {
          throw new WeightFileException(file + " holds two weights named " + quote(name) + " (the second in layer "
              + quote(layer) + "): the arrays could not be told apart. Rename the layers in Keras and save again.");
        }
        String layerPath = name.contains("/") ? name.substring(0, name.lastIndexOf('/')) : layer;
        arrays.add(Hdf5Arrays.read(dataset, name, "layer " + layerPath + ", dataset " + Hdf5Tree.path(dataset),
            fileBytes, file));
      }
      outline.add(layer + (weightNames.isEmpty() ? " (no weights)"
          : " (" + weightNames.size() + (weightNames.size() == 1 ? " array)" : " arrays)")));
    }
    notes.add("layers: " + String.join(", ", outline));
    return arrays;
  }

  /**
   * The array name of weight {@code weightName} of layer {@code layer}: see the class comment.
   * {@code ("dense_1", "dense_1/kernel:0")} gives {@code dense_1/kernel}, {@code ("encoder",
   * "dense_1/kernel:0")} gives {@code encoder/dense_1/kernel}.
   */
  static String arrayName(String layer, String weightName) {
    String bare = weightName.endsWith(":0") ? weightName.substring(0, weightName.length() - 2) : weightName;
    return bare.startsWith(layer + "/") ? bare : layer + "/" + bare;
  }

  private static String quote(String s) {
    return "'" + s + "'";
  }
}
