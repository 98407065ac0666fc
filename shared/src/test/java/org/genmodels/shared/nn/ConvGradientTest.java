package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.genmodels.shared.testing.GradientCheck;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The gradients TF builds for {@code Σ convT(leakyRelu(conv(x)))²} w.r.t. the input (a variable
 * here, so that the conv's input gradient is built too) and every kernel and bias equal central
 * finite differences — where the padding becomes SAME, and where it stays EXPLICIT; both layers
 * built for either op ({@link ConvOp}: with the generic one, the conv's gradient is the one
 * {@code GenericConv} registers, the transposed conv's the one {@code GenericConvTranspose} does).
 */
class ConvGradientTest {
  /**
   * Small, so that few pre-activations cross the leaky ReLU's kink between {@code w ± h} (at 1e-3
   * one bias entry of the EXPLICIT case is off by 10 % for that reason; at 1e-2 several are).
   */
  private static final double STEP = 1e-4;
  /**
   * Checks the gradients of {@code Σ y²} w.r.t. every parameter against central finite
   * differences (four entries a variable) and returns how many entries were checked.
   */
  private static int checkSquares(Ops tf, Graph g, Parameters p, Operand<TFloat32> y) {
    Operand<TFloat32> loss = tf.sum(tf.math.square(y), tf.constant(new int[] {0, 1, 2, 3}));
    try (Session s = new Session(g)) {
      GradientCheck.Fetcher fetch = operand -> {
        try (Result r = s.runner().fetch(operand).run()) {
          return Tensors.toArray(r.get(0));
        }
      };
      return GradientCheck.check(tf, s, fetch, p.all(), loss, f -> {
        double sum = 0;
        for (float v : f.fetch(y)) {
          sum += (double) v * v;
        }
        return sum;
      }, 4, STEP, 0.01, 2e-3);
    }
  }

  private static void check(int h, int w, int k, int stride, Padding padding, long seed, ConvOp op) {
    Random random = new Random(seed);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(seed));
      float[] xValues = ConvReference.random(random, 2 * h * w * 2);
      Shape xShape = Shape.of(2, h, w, 2);
      Operand<TFloat32> x = p.trainable(tf, "x", xShape, (t, shape, seeds) -> t.constant(shape,
          DataBuffers.of(xValues)));
      Conv2D conv = Conv2D.create(tf, p, "conv", 2, 3, k, stride, padding, Activation.leakyRelu(0.2f),
          WeightInit.TORCH).with(op);
      Conv2DTranspose back = Conv2DTranspose.create(tf, p, "back", 3, 2, k, stride, padding, Activation.LINEAR,
          WeightInit.TORCH).with(op);
      Operand<TFloat32> y = back.apply(tf, conv.apply(tf, x));
      assertEquals(Shape.of(2, back.outputSize(conv.outputSize(h)), back.outputSize(conv.outputSize(w)), 2),
          y.shape());
      int checked = checkSquares(tf, g, p, y);
      assertEquals(4 + 4 + 3 + 4 + 2, checked);  // four entries a variable; the biases have 3 and 2
    }
  }

  @ParameterizedTest
  @EnumSource(ConvOp.class)
  void samePath(ConvOp op) {
    check(8, 8, 4, 2, Padding.SAME, 1, op);
  }

  @ParameterizedTest
  @EnumSource(ConvOp.class)
  void explicitOneSimplifiedToSame(ConvOp op) {
    check(8, 6, 4, 2, Padding.explicit(1), 2, op);
  }

  @ParameterizedTest
  @EnumSource(ConvOp.class)
  void explicitPathOddPadding(ConvOp op) {
    // k4 s2 p2: 6 → 4 → 6 and 8 → 5 → 8, where SAME would give 3 and 4
    check(6, 8, 4, 2, Padding.explicit(2), 3, op);
  }

  @ParameterizedTest
  @EnumSource(ConvOp.class)
  void explicitPathOnOneAxisOnly(ConvOp op) {
    // k3 s2 p1: rows 7 → 4 → 7 (SAME pads alike), columns 8 → 4 → 7 (SAME would pad 0 on the left)
    check(7, 8, 3, 2, Padding.explicit(1), 4, op);
  }

  @ParameterizedTest
  @EnumSource(ConvOp.class)
  void explicitPathStrideOne(ConvOp op) {
    check(5, 6, 5, 1, Padding.explicit(1), 5, op);
  }

  /** Builds a layer in {@code p} and applies it to {@code x}. */
  private interface Layer {
    Operand<TFloat32> apply(Ops tf, Parameters p, Operand<TFloat32> x);
  }

  /**
   * Σ y² of a layer with one output channel on a variable input {@code xShape} (12 channels)
   * against finite differences: four entries of x and of the kernel, the one bias.
   */
  private static void checkSingleOutput(long seed, Shape xShape, Shape yShape, Layer layer) {
    Random random = new Random(seed);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(new Seeds(seed));
      float[] xValues = ConvReference.random(random, (int) xShape.size());
      Operand<TFloat32> x = p.trainable(tf, "x", xShape, (t, shape, seeds) -> t.constant(shape,
          DataBuffers.of(xValues)));
      Operand<TFloat32> y = layer.apply(tf, p, x);
      assertEquals(yShape, y.shape());
      int checked = checkSquares(tf, g, p, y);
      assertEquals(4 + 4 + 1, checked);
    }
  }

  /** A 12 → 1 conv (the single-output path of {@link Conv2D}). */
  @ParameterizedTest
  @EnumSource(ConvOp.class)
  void singleOutputChannel(ConvOp op) {
    checkSingleOutput(6, Shape.of(2, 5, 6, 12), Shape.of(2, 5, 6, 1), (tf, p, x) -> Conv2D.create(tf, p, "conv", 12,
        1, 3, 1, Padding.explicit(1), Activation.TANH, WeightInit.TORCH).with(op).apply(tf, x));
  }

  /** A 12 → 1 transposed conv, k4 s2 p1 (the single-output path of {@link Conv2DTranspose}). */
  @Test
  void singleOutputChannelTransposed() {
    checkSingleOutput(7, Shape.of(2, 3, 4, 12), Shape.of(2, 6, 8, 1), (tf, p, x) -> Conv2DTranspose.create(tf, p,
        "up", 12, 1, 4, 2, Padding.explicit(1), Activation.TANH, WeightInit.TORCH).apply(tf, x));
  }
}
