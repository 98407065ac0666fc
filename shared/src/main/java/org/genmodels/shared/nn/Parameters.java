package org.genmodels.shared.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The variables of one model graph, in creation order. Layers ask it for their weights and get
 * back a <em>read</em> of the variable ({@code Identity(var)}), which is what model math must use:
 * TF Java's ref variables fed straight into some ops crash the JVM when gradients are built. The
 * variables themselves are kept for the optimizer and for saving. Not thread-safe: one graph is
 * built by one thread.
 */
public final class Parameters {
  /**
   * One variable.
   *
   * @param name      the graph name of the variable op, e.g. {@code encoder/dense_0/kernel}
   * @param variable  the variable, for gradients, updates and checkpoints (null for parameters
   *                  {@linkplain #fromValues given as values})
   * @param value     its read, for model math
   * @param trainable whether the optimizer updates it
   */
  public record Param(String name, Variable<TFloat32> variable, Operand<TFloat32> value,
                      boolean trainable) {
    public Shape shape() {
      return variable != null ? variable.shape() : value.shape();
    }
  }

  private final Seeds seeds;
  private final List<Param> params = new ArrayList<>();
  /** The values handed out in place of new variables, or null: variables are created. */
  private final Iterator<Operand<TFloat32>> given;

  public Parameters(Seeds seeds) {
    this.seeds = seeds;
    this.given = null;
  }

  private Parameters(List<Operand<TFloat32>> values) {
    this.seeds = new Seeds(0);
    this.given = List.copyOf(values).iterator();
  }

  /**
   * Parameters that create no variables: the layers built on them get {@code values}, in the
   * order they ask for weights (a model built twice asks in the same order), as their weights —
   * to build a model again inside a graph that cannot read the first one's variables (a while
   * loop's body, say). Every {@link Param} it returns has a null {@code variable}: such a model
   * can infer but not train.
   */
  public static Parameters fromValues(List<Operand<TFloat32>> values) {
    return new Parameters(values);
  }

  /**
   * Creates variable {@code name} in {@code tf}'s scope, initialised by {@code init}.
   *
   * @return the read of the variable to use in model math
   */
  public Operand<TFloat32> create(Ops tf, String name, Shape shape, Initializer init, boolean trainable) {
    return add(tf, name, shape, init, trainable).value();
  }

  /**
   * As {@link #create}, returning the whole entry: for layers that also update the variable
   * themselves (batch norm's moving statistics, say).
   */
  public Param add(Ops tf, String name, Shape shape, Initializer init, boolean trainable) {
    if (given != null) {
      if (!given.hasNext()) {
        throw new IllegalStateException("the model asks for more weights than were given: " + name);
      }
      Param param = new Param(name, null, given.next(), trainable);
      params.add(param);
      return param;
    }
    Operand<TFloat32> initial = init.create(tf.withSubScope(name + "_init"), shape, seeds);
    Variable<TFloat32> variable = tf.withName(name).variable(initial);
    Operand<TFloat32> value = tf.withName(name + "_read").identity(variable);
    Param param = new Param(variable.op().name(), variable, value, trainable);
    params.add(param);
    return param;
  }

  /** A trainable variable. */
  public Operand<TFloat32> trainable(Ops tf, String name, Shape shape, Initializer init) {
    return create(tf, name, shape, init, true);
  }

  public List<Param> all() {
    return Collections.unmodifiableList(params);
  }

  /** The trainable variables, in creation order. */
  public List<Variable<TFloat32>> trainableVariables() {
    return params.stream().filter(Param::trainable).map(Param::variable).toList();
  }

  /** Number of trainable scalars. */
  public long trainableCount() {
    return params.stream().filter(Param::trainable).mapToLong(p -> p.shape().size()).sum();
  }
}
