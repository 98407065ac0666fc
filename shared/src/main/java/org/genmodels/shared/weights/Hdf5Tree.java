package org.genmodels.shared.weights;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Looks up groups and datasets of an HDF5 file (jhdf) without following links: a soft link could
 * loop, and an external link would open another file that the weights file names — neither has a
 * place in a Keras weights file, so a link reads as absent. Stateless.
 */
final class Hdf5Tree {
  private Hdf5Tree() {
  }

  /** The children of {@code group} in file order, links left out. */
  static Map<String, Node> children(Group group) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : group.getChildren().entrySet()) {
      if (e.getValue() != null && !e.getValue().isLink()) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** The node at {@code path} ({@code a/b/c}, relative to {@code group}), or null when absent. */
  static Node find(Group group, String path) {
    Node node = group;
    for (String part : path.split("/", -1)) {
      if (part.isEmpty()) {
        return null;
      }
      if (!(node instanceof Group g)) {
        return null;
      }
      Node child = g.getChildren().get(part);
      if (child == null || child.isLink()) {
        return null;
      }
      node = child;
    }
    return node;
  }

  /** The path of {@code node} for messages: {@code /encoder}, where jhdf says {@code /encoder/}. */
  static String path(Node node) {
    String path = node.getPath();
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** The group at {@code path}, or null when there is none. */
  static Group group(Group group, String path) {
    return find(group, path) instanceof Group g ? g : null;
  }

  /** The dataset at {@code path}, or null when there is none. */
  static Dataset dataset(Group group, String path) {
    return find(group, path) instanceof Dataset d ? d : null;
  }
}
