package org.genmodels.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.genmodels.shared.nn.BatchNorm;
import org.genmodels.shared.nn.FastPaths;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.FormComparison;
import org.genmodels.shared.testing.NewOps;
import org.genmodels.shared.train.Adam;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The whole {@link SimpleUnet} computed plainly ({@link FastPaths#OFF}, layer by layer as the seed
 * writes it) and with its fast paths (the default) gives the same predicted noise and the same
 * gradient of every trainable variable, up to float rounding, with batch norm in training and in
 * inference mode, for a small network of the CPU network's shape and a deeper one with odd widths
 * and three image channels. The gradients are of {@code Σ r·output} with fixed random weights {@code r} (see
 * {@link FormComparison}); time steps 0, 3, 120 and 250.
 *
 * <p>Tolerance: each rewrite sums the same float32 products in another order, so the forms differ
 * by rounding. A gradient sums over the batch's B·H·W = 1024 positions, so each form's error is
 * some u·√N ≈ 2e-6 of the largest terms (u = 2^-24 ≈ 6e-8), and most gaps measure 1e-6 to 3e-6
 * (gap: largest difference over the plain tensor's largest magnitude). Where the terms nearly cancel
 * the gap grows: the time MLPs' biases are per-channel shifts that a training-mode batch norm
 * downstream almost removes, and they and the batch norms' gammas reach 1e-5. 5e-5 leaves five times that,
 * and any real difference (a dropped tap or bias, a kernel half summed wrongly, a skip taken from
 * the wrong level) is of order 1e-1 or more. Measured widest gaps: small network 3.6e-6 (training)
 * and 1.0e-6 (inference); the odd one 1.0e-5 (training, up0's time MLP bias) and 3.0e-6.
 */
class SimpleUnetFastPathsTest {
  /** The CPU network's shape at a quarter of its widths and half its image side. */
  private static final UnetSettings SMALL = UnetSettings.builder().widths(List.of(8, 16, 32)).channels(1).imageSize(16)
      .timeEmbedding(16).build();
  /** Three blocks each way, odd widths, three channels. */
  private static final UnetSettings ODD = UnetSettings.builder().widths(List.of(3, 5, 6, 7)).channels(3).imageSize(16)
      .timeEmbedding(8).build();
  private static final double TOLERANCE = 5e-5;

  private static void assertFormsAgree(UnetSettings s, BatchNorm.Mode mode) {
    assertFormsAgree(s, mode, false);
  }

  /**
   * As above; with {@code trainedNorms} every batch norm's gamma, beta and moving averages are set
   * to random values first (gammas of both signs and one exactly 0), as after training, so that
   * folding the batch norms into the convs in inference ({@code UnetBlock.afterConv1}) has a scale, a sign
   * and a shift to get wrong.
   */
  private static void assertFormsAgree(UnetSettings s, BatchNorm.Mode mode, boolean trainedNorms) {
    Random random = new Random(13);
    int batch = 4;
    int size = s.imageSize();
    float[] pixels = new float[batch * size * size * s.channels()];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextGaussian();
    }
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(new Seeds(21));
      SimpleUnet fast = SimpleUnet.create(tf, params, s);
      SimpleUnet plain = fast.with(FastPaths.OFF);
      assertEquals(FastPaths.ON, fast.fastPaths());
      Operand<TFloat32> x = tf.constant(Shape.of(batch, size, size, s.channels()), DataBuffers.of(pixels));
      Operand<TInt32> t = tf.constant(new int[] {3, 250, 0, 120});

      NewOps plainBuild = NewOps.since(g);
      Operand<TFloat32> plainOut = plain.apply(tf, x, t, mode, new ArrayList<>());
      Map<String, Integer> plainOps = plainBuild.counts();
      NewOps fastBuild = NewOps.since(g);
      Operand<TFloat32> fastOut = fast.apply(tf, x, t, mode, new ArrayList<>());
      Map<String, Integer> fastOps = fastBuild.counts();
      assertPlainLayers(s, plainOps, fastOps);
      int blocks = 2 * (s.widths().size() - 1);
      assertEquals(2 * blocks, plainOps.getOrDefault("FusedBatchNormV3", 0), "plain batch norms");
      assertEquals(mode == BatchNorm.Mode.INFERENCE ? 0 : 2 * blocks, fastOps.getOrDefault("FusedBatchNormV3", 0),
          "fast batch norms: folded in inference");
      String zeroGamma = trainedNorms ? setBatchNorms(tf, session, params, random) : null;

      List<FormComparison.Gap> gaps = FormComparison.measure(tf, session, List.of("predicted noise"),
          List.of(plainOut), List.of(fastOut), params.all().stream().filter(Parameters.Param::trainable).toList(), 5);
      assertEquals(1 + params.trainableVariables().size(), gaps.size());
      // at a gamma of exactly 0 the folded form's gradient w.r.t. it is one-sided (relu(|a|·c)
      // has its kink at a = 0, where TF's relu gradient is 0): the values agree there, that one
      // gradient need not
      gaps = gaps.stream().filter(gap -> !gap.name().equals("d/d " + zeroGamma)).toList();
      assertEquals(1 + params.trainableVariables().size() - (zeroGamma == null ? 0 : 1), gaps.size());
      FormComparison.Gap widest = FormComparison.widest(gaps);
      System.out.println("SimpleUnet " + s.widths() + " " + mode + ": widest gap " + widest);
      for (FormComparison.Gap gap : gaps) {
        assertTrue(gap.maxPlain() > 0, gap.name() + " is zero: the comparison would be empty");
        assertTrue(gap.relative() <= TOLERANCE, s.widths() + " " + mode + ": " + gap);
      }
    }
  }

  /**
   * The plain form has exactly the seed's layers: a conv per conv0, conv1, conv2, down transform
   * and output, a transposed conv per up block, a MatMul per Linear, and none of the rewrites'
   * ops (the fast form's self-concatenation fold splits a kernel; at one image channel its folded
   * output layer, a transposed conv to one channel, splits its taps and lays them out by
   * depth-to-space).
   */
  private static void assertPlainLayers(UnetSettings s, Map<String, Integer> plain, Map<String, Integer> fast) {
    int blocks = s.widths().size() - 1;
    assertEquals(1 + 3 * blocks + 2 * blocks + 1, plain.getOrDefault("Conv2D", 0), "plain convs " + plain);
    assertEquals(blocks, plain.getOrDefault("Conv2DBackpropInput", 0), "plain transposed convs");
    assertEquals(1 + 2 * blocks, plain.getOrDefault("MatMul", 0), "plain Linear layers");
    assertEquals(0, plain.getOrDefault("Split", 0), "plain splits");
    assertEquals(0, plain.getOrDefault("DepthToSpace", 0), "plain depth-to-space");
    int taps = s.channels() == 1 ? 1 : 0;
    assertEquals(1 + taps, fast.getOrDefault("Split", 0), "the first up block's kernel folded, the output's taps");
    assertEquals(taps, fast.getOrDefault("DepthToSpace", 0), "the output's taps laid out " + fast);
    assertEquals(blocks - taps, fast.getOrDefault("Conv2DBackpropInput", 0), "fast transposed convs");
  }

  /** Sets every batch norm's variables at random; returns the name of the gamma set to 0 in one channel. */
  private static String setBatchNorms(Ops tf, Session session, Parameters params, Random random) {
    String zeroGamma = null;
    for (Parameters.Param p : params.all()) {
      String name = p.name();
      float[] v = new float[(int) p.shape().size()];
      for (int i = 0; i < v.length; i++) {
        double g = random.nextGaussian();
        v[i] = name.endsWith("moving_variance") ? (float) (0.2 + 2 * random.nextDouble())
            : name.endsWith("gamma") ? (float) g : (float) (0.5 * g);
      }
      if (name.endsWith("gamma") && name.contains("bnorm") && zeroGamma == null) {
        v[0] = 0;
        zeroGamma = name;
      }
      if (name.contains("bnorm")) {
        session.runner().addTarget(tf.assign(p.variable(), tf.constant(p.shape(), DataBuffers.of(v)))).run().close();
      }
    }
    return zeroGamma;
  }

  @Test
  void smallNetworkInferenceWithTrainedBatchNorms() {
    assertFormsAgree(SMALL, BatchNorm.Mode.INFERENCE, true);
  }

  @Test
  void oddDeeperNetworkInferenceWithTrainedBatchNorms() {
    assertFormsAgree(ODD, BatchNorm.Mode.INFERENCE, true);
  }

  @Test
  void smallNetworkTraining() {
    assertFormsAgree(SMALL, BatchNorm.Mode.TRAINING);
  }

  @Test
  void smallNetworkInference() {
    assertFormsAgree(SMALL, BatchNorm.Mode.INFERENCE);
  }

  @Test
  void oddDeeperNetworkTraining() {
    assertFormsAgree(ODD, BatchNorm.Mode.TRAINING);
  }

  @Test
  void oddDeeperNetworkInference() {
    assertFormsAgree(ODD, BatchNorm.Mode.INFERENCE);
  }

  /** The plain form trains reproducibly too: no tensor of it feeds three differentiable consumers. */
  @Test
  void plainFormPassesAdamsReproducibilityCheck() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(new Seeds(3));
      SimpleUnet plain = SimpleUnet.create(tf, params, ODD).with(FastPaths.OFF);
      Operand<TFloat32> x = tf.zeros(tf.constant(new long[] {2, 16, 16, 3}), TFloat32.class);
      Operand<TFloat32> y = plain.apply(tf, x, tf.constant(new int[] {1, 2}), BatchNorm.Mode.TRAINING, new ArrayList<>());
      Adam.minimize(tf, tf.sum(tf.math.abs(y), tf.constant(new int[] {0, 1, 2, 3})), params.trainableVariables(),
          Adam.Settings.keras(1e-3f));
    }
  }
}
