package org.genmodels.ae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.nn.Losses;
import org.genmodels.shared.nn.Parameters.Param;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * The gradients TF builds for the AE's loss equal central finite differences of the loss, for the
 * three largest-gradient entries of every variable. The loss is float32, too coarse for a
 * difference quotient, so the finite differences sum the per-pixel BCE values in double.
 */
class AutoencoderGradientTest {
  @Test
  void gradientsMatchFiniteDifferences() {
    ImageSet batch = TestData.mnist().train().head(16);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      AutoencoderModel model = AutoencoderModel.build(tf, List.of(64, 32), 8,
          new org.genmodels.shared.nn.Seeds(3));
      List<Param> params = model.params().all();
      Gradients grads = tf.gradients(model.loss(), model.params().trainableVariables());
      Operand<TFloat32> perPixel = Losses.bceWithLogits(tf, model.input().x(), model.logits());
      List<Placeholder<TFloat32>> values = new ArrayList<>();
      List<Op> assigns = new ArrayList<>();
      for (Param p : params) {
        Placeholder<TFloat32> v = tf.placeholder(TFloat32.class, Placeholder.shape(p.shape()));
        values.add(v);
        assigns.add(tf.assign(p.variable(), v));
      }
      try (Session s = new Session(g);
           TUint8 pixels = Tensors.bytes(batch.pixels(), 16, 784)) {
        int checked = 0;
        for (int i = 0; i < params.size(); i++) {
          Param p = params.get(i);
          float[] w = fetch(s, pixels, p.value());
          float[] grad = fetch(s, pixels, grads.dy(i));
          for (int k : largest(grad, 3)) {
            double eps = 1e-3 * Math.max(1, Math.abs(w[k]));
            float original = w[k];
            w[k] = (float) (original + eps);
            assign(s, assigns.get(i), values.get(i), w, p);
            double plus = mean(fetch(s, pixels, perPixel));
            w[k] = (float) (original - eps);
            assign(s, assigns.get(i), values.get(i), w, p);
            double minus = mean(fetch(s, pixels, perPixel));
            w[k] = original;
            assign(s, assigns.get(i), values.get(i), w, p);
            double numeric = (plus - minus) / (2 * eps);
            assertEquals(grad[k], numeric, 0.01 * Math.abs(grad[k]) + 1e-7,
                p.name() + "[" + k + "]");
            checked++;
          }
        }
        assertEquals(36, checked);
      }
    }
  }

  private static float[] fetch(Session s, TUint8 pixels, Operand<?> operand) {
    try (Result r = s.runner().feed("pixels", pixels).fetch(operand).run()) {
      return Tensors.toArray(r.get(0));
    }
  }

  private static float[] fetch(Session s, TUint8 pixels, Output<?> output) {
    try (Result r = s.runner().feed("pixels", pixels).fetch(output).run()) {
      return Tensors.toArray(r.get(0));
    }
  }

  private static void assign(Session s, Op assign, Placeholder<TFloat32> value, float[] w, Param p) {
    try (TFloat32 t = Tensors.floats(w, p.shape().asArray())) {
      s.runner().feed(value, t).addTarget(assign).run().close();
    }
  }

  private static double mean(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static int[] largest(float[] g, int n) {
    Integer[] order = new Integer[g.length];
    for (int i = 0; i < g.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Float.compare(Math.abs(g[b]), Math.abs(g[a])));
    int[] out = new int[Math.min(n, g.length)];
    for (int i = 0; i < out.length; i++) {
      out[i] = order[i];
    }
    return out;
  }
}
