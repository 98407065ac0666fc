package org.genmodels.shared.testing;

import org.genmodels.shared.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;

/** Reads graph values in tests. */
public final class Fetch {
  private Fetch() {
  }

  /** The value of {@code operand}, row-major. */
  public static float[] floats(Session session, Operand<?> operand) {
    try (Result r = session.runner().fetch(operand).run()) {
      return Tensors.toArray(r.get(0));
    }
  }

  public static float scalar(Session session, Operand<?> operand) {
    return floats(session, operand)[0];
  }
}
