package org.genmodels.shared.weights;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The layer outline of a Keras model configuration — the JSON of a {@code model.save} file's
 * {@code model_config} attribute or of a {@code .keras} file's {@code config.json} — for {@code
 * inspect}: one line per layer, its class and name, nested models indented under their own line.
 *
 * <pre>
 * Model vae, 3 layers:
 *   InputLayer encoder_input
 *   Model encoder, 8 layers:
 *     InputLayer encoder_input
 *     Conv2D conv2d_1
 *     ...
 * </pre>
 *
 * It understands Keras 2's functional and Sequential configurations (a Sequential's {@code config}
 * was the layer list itself before Keras 2.2) and Keras 3's. Stateless.
 */
final class KerasConfig {
  private KerasConfig() {
  }

  /** The outline of {@code json}, or a sentence saying why there is none. */
  static String outline(String json) {
    Object root;
    try {
      root = Json.parse(json);
    } catch (IllegalArgumentException e) {
      return "not readable: " + e.getMessage();
    }
    if (!(root instanceof Map<?, ?>)) {
      return "not readable: not a JSON object";
    }
    List<String> lines = new ArrayList<>();
    describe((Map<?, ?>) root, "", lines);
    return String.join("\n", lines);
  }

  private static void describe(Map<?, ?> layer, String indent, List<String> lines) {
    String className = text(layer.get("class_name"), "?");
    Object config = layer.get("config");
    String name = text(layer.get("name"), config instanceof Map<?, ?> c ? text(c.get("name"), null) : null);
    List<?> layers = config instanceof List<?> list ? list
        : config instanceof Map<?, ?> c && c.get("layers") instanceof List<?> list ? list : null;
    String line = indent + className + (name == null ? "" : " " + name);
    if (layers == null) {
      lines.add(line);
      return;
    }
    lines.add(line + ", " + layers.size() + (layers.size() == 1 ? " layer:" : " layers:"));
    for (Object child : layers) {
      if (child instanceof Map<?, ?> m) {
        describe(m, indent + "  ", lines);
      } else {
        lines.add(indent + "  ?");
      }
    }
  }

  private static String text(Object value, String otherwise) {
    return value instanceof String s ? s : otherwise;
  }
}
