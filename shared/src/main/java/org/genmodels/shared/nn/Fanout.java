package org.genmodels.shared.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Copies of one tensor for several consumers, arranged as a balanced binary tree of
 * {@code Identity} ops, so that backprop sums the consumers' gradients two at a time. TF sums
 * three or more gradients of one tensor ({@code AddN}) in a run-dependent order, which breaks
 * seeded reproducibility; see {@code Adam}.
 */
public final class Fanout {
  private Fanout() {
  }

  /** {@code n} copies of {@code x}, one per consumer. */
  public static List<Operand<TFloat32>> copies(Ops tf, Operand<TFloat32> x, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least one copy, got " + n);
    }
    List<Operand<TFloat32>> out = new ArrayList<>(n);
    split(tf, x, n, out);
    return out;
  }

  private static void split(Ops tf, Operand<TFloat32> x, int n, List<Operand<TFloat32>> out) {
    if (n == 1) {
      out.add(x);
      return;
    }
    int left = n / 2;
    split(tf, tf.identity(x), left, out);
    split(tf, tf.identity(x), n - left, out);
  }
}
