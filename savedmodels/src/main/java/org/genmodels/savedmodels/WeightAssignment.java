package org.genmodels.savedmodels;

import java.util.List;
import java.util.function.Function;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.tf.Tensors;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Sets a model's variables in a live session to values from elsewhere (a Keras model's weights,
 * say): one placeholder and {@code Assign} per variable, added to the session's graph under
 * {@code load_weights}. Not to be run while the session trains.
 */
final class WeightAssignment {
  private WeightAssignment() {
  }

  /**
   * Assigns {@code values.apply(p)} to every variable {@code p} of {@code params}, whose shapes
   * the values must fill exactly.
   */
  static void assign(Session session, List<Parameters.Param> params, Function<Parameters.Param, float[]> values) {
    Ops tf = Ops.create(session.graph()).withSubScope("load_weights");
    for (Parameters.Param p : params) {
      float[] v = values.apply(p);
      Placeholder<TFloat32> value = tf.placeholder(TFloat32.class, Placeholder.shape(p.shape()));
      Op assign = tf.assign(p.variable(), value);
      try (TFloat32 t = Tensors.floats(v, p.shape().asArray())) {
        session.runner().feed(value, t).addTarget(assign).run().close();
      }
    }
  }
}
