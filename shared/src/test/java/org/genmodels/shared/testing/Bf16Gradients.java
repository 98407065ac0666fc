package org.genmodels.shared.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What the conv models' precision tests ask of the first loss's gradients under the bf16 rewrite
 * beside float32's (same weights, batch and noise): for every variable, the same direction (cosine
 * at least {@code minCosine}) and about the same length (within {@code lengthTolerance}, relative),
 * and not float32's numbers everywhere (the rewrite took effect). Two TensorFlow 2.18 kernels broke
 * exactly this on an AMD Zen 5 (a one-channel conv's input gradient, and {@code BiasAddGrad}'s bf16
 * sum, 6.3× too short) while the first losses still looked right.
 */
public final class Bf16Gradients {
  private Bf16Gradients() {
  }

  /** {@code fp32} and {@code bf16} map each variable's name to its gradient's values. */
  public static void assertPointAsFp32(Map<String, float[]> fp32, Map<String, float[]> bf16, double minCosine,
      double lengthTolerance) {
    assertEquals(fp32.keySet(), bf16.keySet());
    boolean changed = false;
    for (Map.Entry<String, float[]> e : fp32.entrySet()) {
      float[] a = e.getValue();
      float[] b = bf16.get(e.getKey());
      assertEquals(a.length, b.length, e.getKey());
      double dot = 0;
      double aa = 0;
      double bb = 0;
      for (int i = 0; i < a.length; i++) {
        dot += a[i] * (double) b[i];
        aa += a[i] * (double) a[i];
        bb += b[i] * (double) b[i];
        changed |= a[i] != b[i];
      }
      double cosine = dot / Math.sqrt(aa * bb);
      double ratio = Math.sqrt(bb / aa);
      assertTrue(cosine >= minCosine && Math.abs(ratio - 1) < lengthTolerance,
          e.getKey() + ": cosine " + cosine + ", length ratio " + ratio);
    }
    assertTrue(changed, "the rewrite changed nothing");
  }

  /**
   * The gradients of {@code loss} with respect to each trainable one of {@code params}, by name:
   * added to {@code tf}'s graph, fetched by {@code fed} (a runner of that graph's session with the
   * loss's inputs fed) in one run. The tensors are closed before this returns.
   */
  public static Map<String, float[]> of(Ops tf, Operand<TFloat32> loss, List<Parameters.Param> params,
      Session.Runner fed) {
    List<Parameters.Param> trainable = params.stream().filter(Parameters.Param::trainable).toList();
    var grads = tf.gradients(loss, trainable.stream().map(Parameters.Param::value).toList());
    for (int i = 0; i < trainable.size(); i++) {
      fed.fetch(grads.dy(i));
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    try (Result res = fed.run()) {
      for (int i = 0; i < trainable.size(); i++) {
        out.put(trainable.get(i).name(), Tensors.toArray(res.get(i)));
      }
    }
    return out;
  }
}
