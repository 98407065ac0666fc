package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/**
 * tensorflow-framework's {@code optimizers.Adam} (1.1.0, the same source as 1.0.0) against
 * {@link Adam}: why this project keeps its own. The framework's {@code minimize} differentiates
 * every {@code VariableV2} of the graph, so a graph that holds anything off the loss path (batch
 * norm's moving statistics, the step counter, a second model) cannot be trained with it; and it
 * updates the β powers with no control dependency at all, so they may change before or while the
 * {@code ApplyAdam} kernels read them.
 */
class FrameworkAdamComparisonTest {
  @Test
  void theFrameworksMinimizeDifferentiatesEveryVariableInTheGraph() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w = tf.withName("w").variable(tf.constant(new float[] {1f, -2f}));
      tf.withName("moving_mean").variable(tf.constant(new float[] {0f, 0f}));
      Operand<TFloat32> loss = loss(tf, w);
      TFInvalidArgumentException e = assertThrows(TFInvalidArgumentException.class,
          () -> new org.tensorflow.framework.optimizers.Adam(g, 1e-3f).minimize(loss));
      assertTrue(e.getMessage().contains("'moving_mean' as it's unreachable"), e.getMessage());
      assertDoesNotThrow(() -> Adam.minimize(tf, loss, List.of(w), Adam.Settings.keras(1e-3f)));
    }
  }

  @Test
  void theFrameworksBetaPowersUpdateOutsideEveryBarrier() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w = tf.withName("w").variable(tf.constant(new float[] {1f, -2f}));
      new org.tensorflow.framework.optimizers.Adam(g, 1e-3f).minimize(loss(tf, w));
      NodeDef update = powerUpdate(g, "beta1_power");
      assertEquals(List.of(), controlInputs(update), update.toString());
      NodeDef product = node(g, update.getInput(1));
      assertEquals(List.of(), controlInputs(product), product.toString());
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w = tf.withName("w").variable(tf.constant(new float[] {1f, -2f}));
      Adam.minimize(tf, loss(tf, w), List.of(w), Adam.Settings.keras(1e-3f));
      NodeDef update = powerUpdate(g, "adam/beta1_power");
      List<String> applies = g.toGraphDef().getNodeList().stream()
          .filter(n -> n.getOp().equals("ApplyAdam")).map(n -> "^" + n.getName()).toList();
      assertFalse(applies.isEmpty());
      assertTrue(controlInputs(update).containsAll(applies), update.toString());
    }
  }

  /** Σ a·w, read through an Identity (a ref variable fed straight to math can crash TF's gradients). */
  private static Operand<TFloat32> loss(Ops tf, Variable<TFloat32> w) {
    return tf.sum(tf.math.mul(tf.identity(w), tf.constant(new float[] {3f, 4f})), tf.constant(0));
  }

  private static NodeDef node(Graph g, String name) {
    return g.toGraphDef().getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
  }

  /** The Assign that multiplies the β power by β after a step (not the one that initializes it). */
  private static NodeDef powerUpdate(Graph g, String power) {
    Map<String, NodeDef> nodes = g.toGraphDef().getNodeList().stream()
        .collect(Collectors.toMap(NodeDef::getName, Function.identity()));
    List<NodeDef> updates = nodes.values().stream()
        .filter(n -> n.getOp().equals("Assign") && n.getInput(0).equals(power))
        .filter(n -> nodes.get(n.getInput(1)).getOp().equals("Mul"))
        .toList();
    assertEquals(1, updates.size(), "updates of " + power + ": " + updates);
    return updates.get(0);
  }

  private static List<String> controlInputs(NodeDef node) {
    return node.getInputList().stream().filter(i -> i.startsWith("^")).toList();
  }
}
