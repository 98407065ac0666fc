package org.genmodels.savedmodels;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.tf.Tensors;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Sets a model's variables in a live session to values from elsewhere (a Keras model's weights,
 * say): one placeholder and {@code Assign} per variable, added to the session's graph under
 * {@code load_weights}, all run at once. One run, not one per variable: a session prepares the
 * graph again whenever it has grown since the last run, so a run per variable costs time
 * quadratic in their number (on two busy cores, 43 s for the 134 variables of a five-level UNet;
 * under 1 s in one run). Not to be run while the session trains.
 */
final class WeightAssignment {
  private WeightAssignment() {
  }

  /**
   * Assigns {@code values.apply(p)} to every variable {@code p} of {@code params}, whose shapes
   * the values must fill exactly.
   */
  static void assign(Session session, List<Parameters.Param> params, Function<Parameters.Param, float[]> values) {
    if (params.isEmpty()) {
      return;
    }
    Ops tf = Ops.create(session.graph()).withSubScope("load_weights");
    Session.Runner runner = session.runner();
    List<Tensor> fed = new ArrayList<>();
    try {
      for (Parameters.Param p : params) {
        Placeholder<TFloat32> value = tf.placeholder(TFloat32.class, Placeholder.shape(p.shape()));
        TFloat32 t = Tensors.floats(values.apply(p), p.shape().asArray());
        fed.add(t);
        runner.feed(value, t).addTarget(tf.assign(p.variable(), value));
      }
      runner.run().close();
    } finally {
      fed.forEach(Tensor::close);
    }
  }
}
