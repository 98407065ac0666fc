package org.genmodels.savedmodels.sidebyside;

import java.util.SplittableRandom;
import org.genmodels.shared.tf.Tensors;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * The SGEMM rate of the engine the Java models train on: TensorFlow's {@code MatMul} of two
 * {@code n × n} float32 matrices fed from Java, in a session with TensorFlow's default threads (as
 * the models' sessions have), the output left in TensorFlow (a target, not fetched). Owns its graph,
 * session and tensors for the duration of {@link #measure} only.
 */
public final class TensorFlowSgemm {
  private TensorFlowSgemm() {
  }

  /** The best of {@code reps} products, after one untimed. */
  public static Sgemm measure(int n, int reps) {
    float[] values = new float[n * n];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextDouble() * 2 - 1);
    }
    try (Graph g = new Graph(); Session session = new Session(g);
         TFloat32 a = Tensors.floats(values, n, n); TFloat32 b = Tensors.floats(values, n, n)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
      Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
      MatMul<TFloat32> product = tf.linalg.matMul(x, y);
      double best = Double.POSITIVE_INFINITY;
      for (int i = -1; i < reps; i++) {
        long start = System.nanoTime();
        try (Result r = session.runner().feed(x, a).feed(y, b).addTarget(product).run()) {
          double seconds = (System.nanoTime() - start) / 1e9;
          if (i >= 0) {
            best = Math.min(best, seconds);
          }
        }
      }
      return new Sgemm("TensorFlow " + org.tensorflow.TensorFlow.version() + " MatMul", n, best);
    }
  }
}
