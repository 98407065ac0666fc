package org.genmodels.shared.tf;

import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TInt64;

/**
 * The graph's training step counter, as Keras' optimizer {@code iterations} (TF 1's
 * {@code get_or_create_global_step}): one int64 scalar variable named {@value #NAME} at the root of
 * the graph, starting at 0, which {@code Adam.minimize} increments once per step after every other
 * variable has been updated. Being a variable, it is saved in checkpoints, so a restored session
 * knows how many steps were taken, and per-step noise ({@code Gaussian.stepNormal}) keyed on it
 * repeats exactly after a resume.
 *
 * <p>One graph has at most one; {@link #getOrCreate} finds it or adds it. Graph building is
 * single-threaded; {@link #value} may be called from any thread.
 */
public final class GlobalStep {
  /** The variable's op name. */
  public static final String NAME = "global_step";

  private GlobalStep() {
  }

  /** The graph's step counter, created (at 0) if the graph has none yet. */
  public static Variable<TInt64> getOrCreate(Ops tf) {
    Graph graph = (Graph) tf.scope().env();
    Optional<Variable<TInt64>> existing = find(graph);
    if (existing.isPresent()) {
      return existing.get();
    }
    // A fresh root scope: the counter must not land inside the caller's sub-scope or inherit its
    // control dependencies (a new root scope imports the names already used in the graph).
    Ops root = Ops.create(graph);
    return root.withName(NAME).variable(root.withName(NAME + "_init").constant(0L));
  }

  /** The graph's step counter, if it has one. */
  public static Optional<Variable<TInt64>> find(Graph graph) {
    GraphOperation op = graph.operation(NAME);
    if (op == null) {
      return Optional.empty();
    }
    if (!op.type().equals("VariableV2") || !op.output(0).dataType().name().startsWith("DT_INT64")) {
      throw new IllegalStateException("the graph has an op named " + NAME + " that is not an int64"
          + " variable (" + op.type() + ")");
    }
    return Optional.of(new Variable<>(op));
  }

  /**
   * The counter's value as an operand to compute with. Read through {@code Identity}: feeding the
   * ref variable straight into math ops is unsafe in TF Java (see the field notes).
   */
  public static Operand<TInt64> read(Ops tf) {
    return tf.identity(getOrCreate(tf));
  }

  /** Steps taken so far in {@code session}. */
  public static long value(Session session, Operand<TInt64> counter) {
    try (Result r = session.runner().fetch(counter).run()) {
      return ((TInt64) r.get(0)).getLong();
    }
  }
}
