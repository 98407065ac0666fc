package org.genmodels.shared.testing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;

/**
 * The operations a piece of graph building adds, counted by type: mark the graph, build, then ask
 * {@link #counts}. For tests that check which layers a form of a network is made of (say, that
 * the plain network has one {@code Conv2D} per conv of the seed and none of the fast form's
 * {@code Split}s). Graph reading only; one thread.
 */
public final class NewOps {
  private final Graph graph;
  private final Set<String> before;

  private NewOps(Graph graph, Set<String> before) {
    this.graph = graph;
    this.before = before;
  }

  /** Remembers the operations {@code graph} holds now. */
  public static NewOps since(Graph graph) {
    Set<String> before = new HashSet<>();
    graph.operations().forEachRemaining(op -> before.add(op.name()));
    return new NewOps(graph, before);
  }

  /** How many operations of each type {@code graph} holds, all of them (a graph built elsewhere). */
  public static Map<String, Integer> all(Graph graph) {
    return new NewOps(graph, Set.of()).counts();
  }

  /** How many operations of each type the graph has gained since {@link #since}. */
  public Map<String, Integer> counts() {
    Map<String, Integer> counts = new HashMap<>();
    graph.operations().forEachRemaining(op -> {
      if (!before.contains(op.name())) {
        counts.merge(((GraphOperation) op).type(), 1, Integer::sum);
      }
    });
    return counts;
  }
}
