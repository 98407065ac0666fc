package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.genmodels.shared.testing.Fetch;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * {@link ConvComposition} against the two convs written out in plain Java (values, borders
 * included), and its gradients for every kernel and bias against those TF builds for the two
 * convs applied one after the other.
 */
class ConvCompositionTest {
  private static void check(int n, int h, int w, int in, int mid, int out, int k1, int k2, long seed) {
    Random random = new Random(seed);
    float[] x = ConvReference.random(random, n * h * w * in);
    float[] kernel1 = ConvReference.random(random, k1 * k1 * in * mid);
    float[] bias1 = ConvReference.random(random, mid);
    float[] kernel2 = ConvReference.random(random, k2 * k2 * mid * out);
    float[] bias2 = ConvReference.random(random, out);
    float[] outputWeights = ConvReference.random(random, n * h * w * out);

    float[] y = addBias(ConvReference.conv(x, n, h, w, in, kernel1, k1, mid, 1, (k1 - 1) / 2, (k1 - 1) / 2, h, w),
        bias1);
    float[] expected = addBias(ConvReference.conv(y, n, h, w, mid, kernel2, k2, out, 1, (k2 - 1) / 2, (k2 - 1) / 2,
        h, w), bias2);
    for (int i = 0; i < expected.length; i++) {
      expected[i] = Math.max(expected[i], 0);
    }

    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(seed));
      Conv2D first = Conv2D.create(tf, p, "first", in, mid, k1, 1, Padding.explicit((k1 - 1) / 2), Activation.LINEAR,
          WeightInit.TORCH);
      Conv2D second = Conv2D.create(tf, p, "second", mid, out, k2, 1, Padding.explicit((k2 - 1) / 2),
          Activation.RELU, WeightInit.TORCH);
      Operand<TFloat32> xs = tf.constant(Shape.of(n, h, w, in), DataBuffers.of(x));
      Operand<TFloat32> composed = ConvComposition.apply(tf, first, second, xs);
      Operand<TFloat32> plain = second.apply(tf, first.apply(tf, xs));
      assertEquals(Shape.of(n, h, w, out), composed.shape());
      Operand<TFloat32> weights = tf.constant(Shape.of(n, h, w, out), DataBuffers.of(outputWeights));
      List<Operand<?>> variables = p.all().stream().<Operand<?>>map(Parameters.Param::variable).toList();
      Gradients composedGrads = tf.gradients(ConvReference.weightedSum(tf, composed, weights), variables);
      Gradients plainGrads = tf.gradients(ConvReference.weightedSum(tf, plain, weights), variables);
      ConvReference.set(s, tf, p, List.of(kernel1, bias1, kernel2, bias2));

      assertArrayEquals(expected, Fetch.floats(s, composed), 1e-4f, "values");
      for (int i = 0; i < variables.size(); i++) {
        float[] want = Fetch.floats(s, plainGrads.dy(i));
        float[] got = Fetch.floats(s, composedGrads.dy(i));
        assertEquals(want.length, got.length);
        for (int j = 0; j < want.length; j++) {
          assertEquals(want[j], got[j], 1e-4 * Math.max(1, Math.abs(want[j])), p.all().get(i).name() + "[" + j + "]");
        }
      }
    }
  }

  private static float[] addBias(float[] values, float[] bias) {
    for (int i = 0; i < values.length; i++) {
      values[i] += bias[i % bias.length];
    }
    return values;
  }

  @Test
  void threeAfterThree() {
    check(2, 7, 6, 2, 5, 4, 3, 3, 1);
  }

  @Test
  void fiveAfterThreeHasABorderTwoWide() {
    check(2, 6, 7, 1, 3, 2, 3, 5, 2);
  }

  @Test
  void threeAfterOneByOne() {
    check(1, 5, 5, 3, 4, 2, 1, 3, 3);
  }

  @Test
  void oneByOneAfterThreeHasNoBorder() {
    check(1, 5, 4, 2, 3, 2, 3, 1, 4);
  }

  @Test
  void smallestImageWithAnInterior() {
    check(1, 3, 3, 1, 2, 2, 3, 3, 5);
  }

  /**
   * A transposed conv then a 1 × 1 conv, folded, against the two layers applied one after the
   * other (each checked against hand-computed values in its own test): values and gradients.
   */
  private static void checkFold(int h, int w, int in, int mid, int out, int k, int stride, Padding padding,
      Activation activation, long seed) {
    Random random = new Random(seed);
    float[] x = ConvReference.random(random, 2 * h * w * in);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(seed));
      Conv2DTranspose first = Conv2DTranspose.create(tf, p, "up", in, mid, k, stride, padding, Activation.LINEAR,
          WeightInit.TORCH);
      Conv2D pointwise = Conv2D.create(tf, p, "out", mid, out, 1, 1, Padding.explicit(0), activation,
          WeightInit.TORCH);
      Operand<TFloat32> xs = tf.constant(Shape.of(2, h, w, in), DataBuffers.of(x));
      Operand<TFloat32> folded = ConvComposition.transposedThenPointwise(tf, first, pointwise, xs);
      Operand<TFloat32> plain = pointwise.apply(tf, first.apply(tf, xs));
      assertEquals(plain.shape(), folded.shape());
      Operand<TFloat32> weights = tf.constant(plain.shape(), DataBuffers.of(ConvReference.random(random,
          (int) plain.shape().size())));
      List<Operand<?>> variables = p.all().stream().<Operand<?>>map(Parameters.Param::variable).toList();
      Gradients foldedGrads = tf.gradients(ConvReference.weightedSum(tf, folded, weights), variables);
      Gradients plainGrads = tf.gradients(ConvReference.weightedSum(tf, plain, weights), variables);
      List<float[]> values = p.all().stream().map(param -> ConvReference.random(random,
          (int) param.shape().size())).toList();
      ConvReference.set(s, tf, p, values);
      assertArrayEquals(Fetch.floats(s, plain), Fetch.floats(s, folded), 1e-5f, "values");
      for (int i = 0; i < variables.size(); i++) {
        assertArrayEquals(Fetch.floats(s, plainGrads.dy(i)), Fetch.floats(s, foldedGrads.dy(i)), 1e-4f,
            p.all().get(i).name());
      }
    }
  }

  @Test
  void transposedThenPointwiseAsTheUnetsLastLayers() {
    checkFold(4, 3, 3, 4, 1, 4, 2, Padding.explicit(1), Activation.LINEAR, 7);
  }

  @Test
  void transposedThenPointwiseWithSamePaddingAndAnActivation() {
    checkFold(3, 5, 2, 3, 2, 3, 2, Padding.SAME, Activation.TANH, 8);
  }

  @Test
  void foldRefusesAnActivationBetweenAndAWiderConv() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Padding p1 = Padding.explicit(1);
      Conv2DTranspose relu = Conv2DTranspose.create(tf, p, "relu", 2, 3, 4, 2, p1, Activation.RELU, WeightInit.TORCH);
      Conv2DTranspose linear = Conv2DTranspose.create(tf, p, "linear", 2, 3, 4, 2, p1, Activation.LINEAR,
          WeightInit.TORCH);
      Conv2D pointwise = Conv2D.create(tf, p, "pointwise", 3, 1, 1, 1, Padding.explicit(0), Activation.LINEAR,
          WeightInit.TORCH);
      Conv2D wide = Conv2D.create(tf, p, "wide", 3, 1, 3, 1, p1, Activation.LINEAR, WeightInit.TORCH);
      Operand<TFloat32> x = tf.zeros(tf.constant(new long[] {1, 2, 2, 2}), TFloat32.class);
      assertThrows(IllegalArgumentException.class, () -> ConvComposition.transposedThenPointwise(tf, relu, pointwise, x));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ConvComposition.transposedThenPointwise(tf, linear, wide, x));
      assertTrue(e.getMessage().contains("wide"), e.getMessage());
    }
  }

  @Test
  void imageWithoutInteriorTakesTheTwoConvs() {
    check(1, 2, 3, 1, 2, 2, 3, 3, 6);
  }

  @Test
  void refusesStridesActivationsAndMismatchedChannels() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(1));
      Padding same = Padding.explicit(1);
      Conv2D linear = Conv2D.create(tf, p, "linear", 1, 4, 3, 1, same, Activation.LINEAR, WeightInit.TORCH);
      Conv2D relu = Conv2D.create(tf, p, "relu", 1, 4, 3, 1, same, Activation.RELU, WeightInit.TORCH);
      Conv2D next = Conv2D.create(tf, p, "next", 4, 2, 3, 1, same, Activation.RELU, WeightInit.TORCH);
      Conv2D strided = Conv2D.create(tf, p, "strided", 4, 2, 3, 2, same, Activation.RELU, WeightInit.TORCH);
      Conv2D even = Conv2D.create(tf, p, "even", 4, 2, 4, 1, Padding.explicit(2), Activation.RELU, WeightInit.TORCH);
      Conv2D wider = Conv2D.create(tf, p, "wider", 5, 2, 3, 1, same, Activation.RELU, WeightInit.TORCH);
      assertTrue(ConvComposition.composable(linear, next));
      assertFalse(ConvComposition.composable(relu, next));
      assertFalse(ConvComposition.composable(linear, strided));
      assertFalse(ConvComposition.composable(linear, even));
      assertFalse(ConvComposition.composable(linear, wider));
      Operand<TFloat32> x = tf.zeros(tf.constant(new long[] {1, 4, 4, 1}), TFloat32.class);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ConvComposition.apply(tf, relu, next, x));
      assertTrue(e.getMessage().contains("relu"), e.getMessage());
    }
  }
}
