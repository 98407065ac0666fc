package org.genmodels.cvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.genmodels.shared.nn.FastPaths;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.FormComparison;
import org.genmodels.shared.testing.NewOps;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The whole {@link CvaeNetwork} computed plainly ({@link FastPaths#OFF}: the label as a second
 * image channel, the 32 → 1 output conv as one conv) and with its fast paths (the default) gives
 * the same posterior means, log variances and decoded images, and the same gradient of every
 * trainable variable, conditional and not. The gradients are of {@code Σ r·output} over the three
 * outputs with fixed random weights {@code r} (see {@link FormComparison}).
 *
 * <p>Tolerance: each rewrite sums the same float32 products in another order, so the two forms
 * differ by rounding, a few units of 2^-24 of the largest partial sums, through five layers; a
 * relative gap (largest difference over the plain tensor's largest magnitude) of 1e-5 leaves room
 * for that and catches any real difference (a dropped tap or bias, a wrong kernel half: order 1).
 * Measured: widest gap 1.1e-6 conditional (conv_out's kernel), 7.2e-7 unconditional.
 */
class CvaeNetworkFastPathsTest {
  private static final double TOLERANCE = 1e-5;

  private static void assertFormsAgree(boolean conditional) {
    CvaeSettings s = CvaeSettings.builder().conditional(conditional).channels(32).build();
    int batch = 5;
    int latent = s.latentSize();
    Random random = new Random(17);
    float[] pixels = new float[batch * CvaeNetwork.SIZE * CvaeNetwork.SIZE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) (2 * random.nextDouble() - 1);
    }
    float[] oneHot = new float[batch * CvaeSettings.CLASSES];
    for (int i = 0; i < batch; i++) {
      oneHot[i * CvaeSettings.CLASSES + (3 * i + 1) % CvaeSettings.CLASSES] = 1;
    }
    float[] z = new float[batch * latent];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) random.nextGaussian();
    }
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(new Seeds(9));
      CvaeNetwork fast = CvaeNetwork.create(tf, params, s);
      CvaeNetwork plain = fast.with(FastPaths.OFF);
      assertEquals(FastPaths.ON, fast.fastPaths());
      Operand<TFloat32> x = tf.constant(Shape.of(batch, CvaeNetwork.SIZE, CvaeNetwork.SIZE, 1),
          DataBuffers.of(pixels));
      Operand<TFloat32> labels = tf.constant(Shape.of(batch, CvaeSettings.CLASSES), DataBuffers.of(oneHot));
      Operand<TFloat32> latents = tf.constant(Shape.of(batch, latent), DataBuffers.of(z));

      NewOps plainBuild = NewOps.since(g);
      CvaeNetwork.Posterior plainPosterior = plain.encode(x, labels);
      Operand<TFloat32> plainImages = plain.decode(latents, labels);
      Map<String, Integer> plainOps = plainBuild.counts();
      NewOps fastBuild = NewOps.since(g);
      CvaeNetwork.Posterior fastPosterior = fast.encode(x, labels);
      Operand<TFloat32> fastImages = fast.decode(latents, labels);
      Map<String, Integer> fastOps = fastBuild.counts();
      // plain: one MatMul per Dense (label map, z_mean, z_log_var, fc), convs and concats as drawn
      int dense = conditional ? 4 : 3;
      assertEquals(dense, plainOps.getOrDefault("MatMul", 0), "plain Dense layers " + plainOps);
      assertEquals(3, plainOps.getOrDefault("Conv2D", 0), "plain convs " + plainOps);
      // the label channel and the decoder's z ⊕ one-hot, when conditional; the transposed convs' output shapes
      assertEquals(conditional ? 4 : 2, plainOps.getOrDefault("ConcatV2", 0), "plain concatenations " + plainOps);
      // fast: the output conv's MatMul, and (conditional) the label's per-class pick in place of its map
      assertEquals(dense + 1, fastOps.getOrDefault("MatMul", 0), "fast MatMuls " + fastOps);

      List<FormComparison.Gap> gaps = FormComparison.measure(tf, session, List.of("z_mean", "z_log_var", "images"),
          List.of(plainPosterior.mean(), plainPosterior.logVar(), plainImages),
          List.of(fastPosterior.mean(), fastPosterior.logVar(), fastImages),
          params.all().stream().filter(Parameters.Param::trainable).toList(), 3);
      assertEquals(3 + params.trainableVariables().size(), gaps.size());
      System.out.println("CvaeNetwork conditional=" + conditional + ": widest gap " + FormComparison.widest(gaps));
      for (FormComparison.Gap gap : gaps) {
        assertTrue(gap.maxPlain() > 0, gap.name() + " is zero: the comparison would be empty");
        assertTrue(gap.relative() <= TOLERANCE, "conditional=" + conditional + ": " + gap);
      }
    }
  }

  @Test
  void conditional() {
    assertFormsAgree(true);
  }

  @Test
  void unconditional() {
    assertFormsAgree(false);
  }
}
