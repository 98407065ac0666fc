package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.genmodels.shared.testing.Fetch;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * {@link BatchNorm}'s two modes against values computed here by hand, in double: the batch's mean
 * and biased variance normalize in training mode, and the moving averages move by PyTorch's rule
 * (momentum 0.1, the unbiased variance); inference normalizes with the moving averages.
 */
class BatchNormTest {
  private static final int B = 2;
  private static final int H = 3;
  private static final int W = 2;
  private static final int C = 3;
  private static final double EPS = 1e-5;

  private final float[] x = new float[B * H * W * C];
  private final float[] gamma = {1.5f, -0.5f, 2f};
  private final float[] beta = {0.25f, 1f, -1f};

  BatchNormTest() {
    Random random = new Random(3);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextGaussian() * (1 + i % C) + i % C);
    }
  }

  /** {mean, biased variance, unbiased variance} of channel c. */
  private double[] stats(int c) {
    int n = B * H * W;
    double sum = 0;
    for (int i = c; i < x.length; i += C) {
      sum += x[i];
    }
    double mean = sum / n;
    double sq = 0;
    for (int i = c; i < x.length; i += C) {
      sq += (x[i] - mean) * (x[i] - mean);
    }
    return new double[] {mean, sq / n, sq / (n - 1)};
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(value = BatchNorm.Mode.class, names = {"TRAINING",
      "TRAINING_FLOAT64_STATISTICS"})
  void trainingUsesBatchStatisticsAndMovesTheAveragesInferenceUsesTheAverages(BatchNorm.Mode mode) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(new Seeds(1));
      BatchNorm bn = BatchNorm.create(tf, params, "bn", C);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, H, W, C)));
      List<Op> updates = new ArrayList<>();
      Operand<TFloat32> train = bn.apply(tf, in, mode, updates);
      Operand<TFloat32> infer = bn.apply(tf, in, BatchNorm.Mode.INFERENCE, new ArrayList<>());
      assertEquals(2, updates.size());
      assertEquals(List.of(true, true, false, false), params.all().stream().map(Parameters.Param::trainable).toList());
      Op setGamma = tf.assign(params.all().get(0).variable(), tf.constant(gamma));
      Op setBeta = tf.assign(params.all().get(1).variable(), tf.constant(beta));
      s.runner().addTarget(setGamma).addTarget(setBeta).run().close();

      float[] trained;
      try (TFloat32 feed = Tensors.floats(x, B, H, W, C);
           var r = s.runner().feed(in, feed).fetch(train).run()) {
        trained = Tensors.toArray(r.get(0));
      }
      for (int i = 0; i < x.length; i++) {
        int c = i % C;
        double[] st = stats(c);
        double expected = gamma[c] * (x[i] - st[0]) / Math.sqrt(st[1] + EPS) + beta[c];
        assertEquals(expected, trained[i], 1e-4, "training y[" + i + "]");
      }
      // fetching y alone does not move the averages; the update ops do
      assertEquals(0f, Fetch.floats(s, bn.movingMean())[0]);
      try (TFloat32 feed = Tensors.floats(x, B, H, W, C)) {
        var runner = s.runner().feed(in, feed);
        updates.forEach(runner::addTarget);
        runner.run().close();
      }
      float[] movingMean = Fetch.floats(s, bn.movingMean());
      float[] movingVariance = Fetch.floats(s, bn.movingVariance());
      for (int c = 0; c < C; c++) {
        double[] st = stats(c);
        assertEquals(0.9 * 0 + 0.1 * st[0], movingMean[c], 1e-6, "moving mean " + c);
        assertEquals(0.9 * 1 + 0.1 * st[2], movingVariance[c], 1e-5, "moving variance " + c);
      }

      float[] inferred;
      try (TFloat32 feed = Tensors.floats(x, B, H, W, C);
           var r = s.runner().feed(in, feed).fetch(infer).run()) {
        inferred = Tensors.toArray(r.get(0));
      }
      boolean differs = false;
      for (int i = 0; i < x.length; i++) {
        int c = i % C;
        double expected = gamma[c] * (x[i] - movingMean[c]) / Math.sqrt(movingVariance[c] + EPS) + beta[c];
        assertEquals(expected, inferred[i], 1e-4, "inference y[" + i + "]");
        differs |= Math.abs(inferred[i] - trained[i]) > 1e-3;
      }
      assertTrue(differs, "inference must not use the batch statistics");
    }
  }

  @Test
  void badMomentumIsRefused() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(new Seeds(1));
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> BatchNorm.create(tf, params, "bn", 2, 0f, 1e-5f));
    }
  }

  /** The float64-statistics mode back-propagates as the fused kernel does (whose gradient is TF's own). */
  @Test
  void bothTrainingModesHaveTheSameGradients() {
    float[] weights = new float[x.length];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) Math.sin(i);
    }
    List<List<float[]>> grads = new ArrayList<>();
    for (BatchNorm.Mode mode : new BatchNorm.Mode[] {BatchNorm.Mode.TRAINING, BatchNorm.Mode.TRAINING_FLOAT64_STATISTICS}) {
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Parameters params = new Parameters(new Seeds(1));
        Operand<TFloat32> input = params.trainable(tf, "x", Shape.of(B, H, W, C), Initializer.constant(0f));
        BatchNorm bn = BatchNorm.create(tf, params, "bn", C);
        Operand<TFloat32> y = bn.apply(tf, input, mode, new ArrayList<>());
        Operand<TFloat32> loss = tf.sum(tf.math.mul(y, tf.reshape(tf.constant(weights), tf.constant(new int[] {B, H, W, C}))),
            tf.constant(new int[] {0, 1, 2, 3}));
        List<Operand<TFloat32>> wrt = List.of(input, bn.gamma(), bn.beta());
        var gradients = tf.gradients(loss, wrt);
        s.runner().addTarget(tf.assign(params.all().get(0).variable(), tf.reshape(tf.constant(x),
            tf.constant(new int[] {B, H, W, C})))).addTarget(tf.assign(params.all().get(1).variable(),
            tf.constant(gamma))).addTarget(tf.assign(params.all().get(2).variable(), tf.constant(beta))).run().close();
        List<float[]> values = new ArrayList<>();
        for (int i = 0; i < wrt.size(); i++) {
          values.add(Fetch.floats(s, gradients.dy(i)));
        }
        grads.add(values);
      }
    }
    for (int k = 0; k < 3; k++) {
      float[] fused = grads.get(0).get(k);
      float[] wide = grads.get(1).get(k);
      double scale = 0;
      for (float v : fused) {
        scale = Math.max(scale, Math.abs(v));
      }
      assertTrue(scale > 0.1, "a gradient worth comparing");
      for (int i = 0; i < fused.length; i++) {
        assertEquals(fused[i], wide[i], 1e-5 * scale, "gradient " + k + "[" + i + "]");
      }
    }
  }
}
