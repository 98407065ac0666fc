package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.genmodels.shared.testing.Fetch;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/**
 * {@link Precision#BF16} Dense layers: the MatMul rounds its inputs to bfloat16 (8 significand
 * bits), the bias and everything after it is float32, and the variables and their gradients stay
 * float32. Each check holds on any CPU (without bf16 instructions TF emulates the same rounding).
 */
class DensePrecisionTest {
  private static Initializer values(float[][] v) {
    return (tf, shape, seeds) -> tf.constant(v);
  }

  private static Initializer values(float[] v) {
    return (tf, shape, seeds) -> tf.constant(v);
  }

  private static Dense layer(Ops tf, String name, float[][] kernel, float[] bias) {
    return Dense.create(tf, new Parameters(new Seeds(1)), name, kernel.length, kernel[0].length, Activation.LINEAR,
        values(kernel), values(bias));
  }

  @Test
  void bf16RoundsTheInputToEightSignificantBits() {
    // 1 + 2^-10 is a float32 but lies between the bfloat16 neighbours 1 and 1 + 2^-7: it rounds to 1
    float x = 1 + 0x1p-10f;
    float[][] identity = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Dense fp32 = layer(tf, "d", identity, new float[3]);
      Operand<TFloat32> in = tf.constant(new float[][] {{x, 2, -x}});
      assertArrayEquals(new float[] {1.0009766f, 2, -1.0009766f}, Fetch.floats(s, fp32.apply(tf, in)));
      assertArrayEquals(new float[] {1, 2, -1}, Fetch.floats(s, fp32.with(Precision.BF16).apply(tf, in)));
    }
  }

  @Test
  void bf16IsExactOnSmallIntegersAndAddsTheBiasInFloat32() {
    // integers |v| ≤ 2, K = 16: every product and partial sum (|sum| ≤ 64) is exact in bfloat16;
    // the bias 1/3 is not a bfloat16, so an exact float32 (int + 1/3f) shows it was added after the cast back
    int b = 5;
    int k = 16;
    int n = 7;
    Random r = new Random(16);
    float[][] x = new float[b][k];
    float[][] w = new float[k][n];
    for (float[] row : x) {
      for (int j = 0; j < k; j++) {
        row[j] = r.nextInt(5) - 2;
      }
    }
    for (float[] row : w) {
      for (int j = 0; j < n; j++) {
        row[j] = r.nextInt(5) - 2;
      }
    }
    float[] bias = new float[n];
    Arrays.fill(bias, 1f / 3);
    float[] expected = new float[b * n];
    for (int i = 0; i < b; i++) {
      for (int j = 0; j < n; j++) {
        int sum = 0;
        for (int m = 0; m < k; m++) {
          sum += (int) x[i][m] * (int) w[m][j];
        }
        expected[i * n + j] = sum + 1f / 3;
      }
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Dense fp32 = layer(tf, "d", w, bias);
      Operand<TFloat32> in = tf.constant(x);
      float[] single = Fetch.floats(s, fp32.apply(tf, in));
      float[] half = Fetch.floats(s, fp32.with(Precision.BF16).apply(tf, in));
      assertArrayEquals(expected, single);
      assertArrayEquals(expected, half);
    }
  }

  @Test
  void bf16MultipliesInBfloat16ButKeepsVariablesAndGradientsFloat32() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(3));
      Dense d = Dense.create(tf, p, "d", 4, 3, Activation.RELU).with(Precision.BF16);
      assertSame(d, d.with(Precision.BF16));
      assertEquals(Precision.BF16, d.precision());
      Operand<TFloat32> y = d.apply(tf, tf.constant(new float[][] {{1, 2, 3, 4}}));
      assertEquals(TFloat32.class, y.type());
      Gradients grads = tf.gradients(tf.reduceSum(y, tf.constant(new int[] {0, 1})), p.trainableVariables());
      for (Output<?> grad : grads.dy()) {
        assertEquals(DataType.DT_FLOAT, grad.dataType());
      }
      // a graph-mode variable is a reference to float32
      p.trainableVariables().forEach(v -> assertEquals(DataType.DT_FLOAT_REF, v.asOutput().dataType()));

      GraphDef def = g.toGraphDef();
      List<NodeDef> matMuls = def.getNodeList().stream().filter(n -> n.getOp().equals("MatMul")).toList();
      assertEquals(3, matMuls.size());
      // the forward product and, in the gradient, the two backward products
      for (NodeDef m : matMuls) {
        assertEquals(DataType.DT_BFLOAT16, m.getAttrMap().get("T").getType(), m.getName());
      }
      NodeDef bias = def.getNodeList().stream().filter(n -> n.getOp().equals("BiasAdd")).findFirst().orElseThrow();
      assertEquals(DataType.DT_FLOAT, bias.getAttrMap().get("T").getType());
    }
  }

  @Test
  void fp32BuildsNothingInBfloat16() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Dense d = Dense.create(tf, new Parameters(new Seeds(3)), "d", 4, 3, Activation.RELU);
      assertEquals(Precision.FP32, d.precision());
      d.apply(tf, tf.constant(new float[][] {{1, 2, 3, 4}}));
      GraphDef def = g.toGraphDef();
      assertTrue(def.getNodeList().stream().flatMap(n -> n.getAttrMap().values().stream())
          .noneMatch(a -> a.getType() == DataType.DT_BFLOAT16));
      NodeDef m = def.getNodeList().stream().filter(n -> n.getOp().equals("MatMul")).findFirst().orElseThrow();
      assertEquals(DataType.DT_FLOAT, m.getAttrMap().get("T").getType());
    }
  }
}
