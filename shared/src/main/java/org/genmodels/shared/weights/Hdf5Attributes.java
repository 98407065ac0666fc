package org.genmodels.shared.weights;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the string attributes Keras writes: name lists ({@code layer_names}, {@code weight_names})
 * and single strings ({@code keras_version}, {@code model_config}). Keras writes lists as
 * fixed-length byte strings (numpy {@code S}) and single values as variable-length strings, other
 * writers lists as variable-length strings too; jhdf hands both to us as {@code String} or {@code
 * String[]}. A list longer than an object header holds is split by Keras into {@code name0},
 * {@code name1}, … and joined here. An empty list is what Keras writes for a layer without
 * weights: a float64 array of length 0.
 *
 * <p>Sizes are checked against the bytes the attribute holds before jhdf decodes anything. Stateless.
 */
final class Hdf5Attributes {
  private Hdf5Attributes() {
  }

  /**
   * The list attribute {@code name} of {@code node}, or of its parts {@code name0}, {@code name1},
   * …; null when there is neither.
   */
  static List<String> names(Node node, String name, String file) {
    Map<String, Attribute> attributes = node.getAttributes();
    Attribute whole = attributes.get(name);
    if (whole != null) {
      return strings(whole, node, file);
    }
    if (!attributes.containsKey(name + "0")) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; attributes.containsKey(name + i); i++) {
      out.addAll(strings(attributes.get(name + i), node, file));
    }
    return out;
  }

  /** The single-string attribute {@code name} of {@code node}; null when absent or not one string. */
  static String text(Node node, String name, String file) {
    Attribute attribute = node.getAttributes().get(name);
    if (attribute == null) {
      return null;
    }
    List<String> values = strings(attribute, node, file);
    return values.size() == 1 ? values.get(0) : null;
  }

  private static List<String> strings(Attribute attribute, Node node, String file) {
    String where = "attribute " + attribute.getName() + " of " + Hdf5Tree.path(node);
    ByteBuffer buffer = attribute.getBuffer();
    if (attribute.isEmpty() || buffer == null) {
      return List.of();
    }
    DataType type = attribute.getDataType();
    long count = attribute.getSize();
    if (count < 0 || type.getSize() <= 0 || count > buffer.remaining() || count * type.getSize() > buffer.remaining()) {
      throw new WeightFileException(file + " is damaged: its " + where + " claims " + count
          + " values in " + buffer.remaining() + " bytes. Save the weights again, or copy the file again.");
    }
    boolean text = type instanceof StringData || type instanceof VariableLength v && v.isVariableLengthString();
    if (!text) {
      if (count == 0) {
        return List.of();
      }
      throw new WeightFileException(file + ": the " + where + " holds " + type.getJavaType().getSimpleName()
          + " values, not names, so this is not a Keras weights file. Give the file Keras's"
          + " save_weights or model.save wrote.");
    }
    List<String> out = new ArrayList<>();
    flatten(attribute.getData(), out, where, file);
    return out;
  }

  private static void flatten(Object data, List<String> out, String where, String file) {
    if (data instanceof String s) {
      out.add(s);
    } else if (data instanceof Object[] array) {
      for (Object element : array) {
        flatten(element, out, where, file);
      }
    } else {
      throw new WeightFileException(file + " is damaged: its " + where + " is not a list of strings."
          + " Save the weights again, or copy the file again.");
    }
  }
}
