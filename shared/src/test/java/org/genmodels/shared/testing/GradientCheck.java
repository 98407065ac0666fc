package org.genmodels.shared.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.genmodels.shared.nn.Parameters.Param;
import org.genmodels.shared.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Compares the gradients TF builds with central finite differences of the loss, for the entries
 * of largest gradient of every variable. float32 losses are too coarse for difference quotients,
 * so the caller evaluates the loss in double (summing per-element terms fetched from the graph).
 */
public final class GradientCheck {
  /** Fetches an operand's value with the test's inputs fed. */
  @FunctionalInterface
  public interface Fetcher {
    float[] fetch(Operand<?> operand);
  }

  /** The loss at the variables' current values, in double. */
  @FunctionalInterface
  public interface Loss {
    double value(Fetcher fetcher);
  }

  private GradientCheck() {
  }

  /**
   * Checks the {@code perVariable} largest-gradient entries of each of {@code params}: the
   * gradient of {@code loss} (built here with {@code tf.gradients}) must equal
   * {@code (L(w + h) − L(w − h)) / 2h} within {@code rel·|g| + abs}, where
   * {@code h = step·max(1, |w|)}. Call before the session's first run.
   *
   * @return how many entries were checked
   */
  public static int check(Ops tf, Session session, Fetcher fetcher, List<Param> params,
      Operand<TFloat32> loss, Loss doubleLoss, int perVariable, double step, double rel, double abs) {
    Gradients grads = tf.gradients(loss, params.stream().map(Param::variable).toList());
    List<Placeholder<TFloat32>> values = new ArrayList<>();
    List<Op> assigns = new ArrayList<>();
    for (Param p : params) {
      Placeholder<TFloat32> v = tf.placeholder(TFloat32.class, Placeholder.shape(p.shape()));
      values.add(v);
      assigns.add(tf.assign(p.variable(), v));
    }
    int checked = 0;
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      float[] w = fetcher.fetch(p.value());
      float[] grad = fetcher.fetch(grads.dy(i));
      for (int k : largest(grad, perVariable)) {
        double h = step * Math.max(1, Math.abs(w[k]));
        float original = w[k];
        w[k] = (float) (original + h);
        assign(session, assigns.get(i), values.get(i), w, p);
        double plus = doubleLoss.value(fetcher);
        w[k] = (float) (original - h);
        assign(session, assigns.get(i), values.get(i), w, p);
        double minus = doubleLoss.value(fetcher);
        w[k] = original;
        assign(session, assigns.get(i), values.get(i), w, p);
        assertEquals(grad[k], (plus - minus) / (2 * h), rel * Math.abs(grad[k]) + abs, p.name() + "[" + k + "]");
        checked++;
      }
    }
    return checked;
  }

  /** Σ values, in double. */
  public static double sum(float[] values) {
    double s = 0;
    for (float v : values) {
      s += v;
    }
    return s;
  }

  private static void assign(Session session, Op assign, Placeholder<TFloat32> value, float[] w, Param p) {
    try (TFloat32 t = Tensors.floats(w, p.shape().asArray())) {
      session.runner().feed(value, t).addTarget(assign).run().close();
    }
  }

  private static int[] largest(float[] g, int n) {
    Integer[] order = new Integer[g.length];
    for (int i = 0; i < g.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(Math.abs(g[b]), Math.abs(g[a])));
    return Arrays.stream(order).limit(n).mapToInt(Integer::intValue).toArray();
  }
}
