package org.genmodels.shared.testing;

import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

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

  /**
   * The losses of {@code steps} runs of {@code step} in a new session of {@code graph}, each on
   * {@code batch}'s pixels ({@code [n, 784]} bytes) fed to {@code pixels}.
   */
  public static float[] lossesOfSteps(Graph graph, Operand<TUint8> pixels, ImageSet batch, Operand<TFloat32> loss,
                                      Op step, int steps) {
    float[] losses = new float[steps];
    try (Session s = new Session(graph); TUint8 input = Tensors.bytes(batch.pixels(), batch.count(), batch.imageSize())) {
      for (int i = 0; i < steps; i++) {
        try (Result r = s.runner().feed(pixels, input).fetch(loss).addTarget(step).run()) {
          losses[i] = ((TFloat32) r.get(0)).getFloat();
        }
      }
    }
    return losses;
  }
}
