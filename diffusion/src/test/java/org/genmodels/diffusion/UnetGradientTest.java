package org.genmodels.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.genmodels.shared.nn.BatchNorm;
import org.genmodels.shared.nn.ConvOp;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.GradientCheck;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The gradients TF builds through a tiny {@link SimpleUnet} in training mode (time embedding,
 * convs, batch norm with batch statistics, the strided and transposed convs, the skip concat)
 * equal central finite differences, for every trainable variable. The float32 loss makes
 * difference quotients noisy below a step of about 1e-3 (at 1e-4 the quotients scatter by ±0.05
 * around gradients of order 1), and 16 × 16 images in a batch of 4 keep the batch statistics of
 * the 4 × 4 bottom away from degenerate ones. Left out: the biases of the convs, which move every
 * pixel of a channel at once, so that any step crosses many ReLU kinks, whose effect the batch
 * norm after them magnifies: their quotients scatter by ±10 % whatever the step (conv0's first
 * bias: gradient −4.62, quotients −3.54, −4.87, −4.01, −4.47, −4.64 at steps 3e-2 … 3e-4). A
 * bias's gradient is the sum of the same output gradients the checked kernel's is built from.
 */
class UnetGradientTest {
  @ParameterizedTest
  @EnumSource(ConvOp.class)
  void tinyUnetGradientsMatchFiniteDifferences(ConvOp op) {
    UnetSettings tiny = UnetSettings.builder().widths(List.of(3, 4)).channels(1).imageSize(16).timeEmbedding(4).build();
    Random random = new Random(11);
    float[][][][] x = new float[4][16][16][1];
    float[][][][] r = new float[4][16][16][1];
    for (int b = 0; b < 4; b++) {
      for (int i = 0; i < 16; i++) {
        for (int j = 0; j < 16; j++) {
          x[b][i][j][0] = (float) random.nextGaussian();
          r[b][i][j][0] = (float) random.nextGaussian();
        }
      }
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(new Seeds(4));
      // the convs through the op (the float32 training graph takes the generic one, ConvOp.forTraining)
      SimpleUnet unet = SimpleUnet.create(tf, params, tiny).with(op);
      Operand<TFloat32> y = unet.apply(tf, tf.constant(x), tf.constant(new int[] {3, 250, 0, 120}), BatchNorm.Mode.TRAINING,
          new ArrayList<>());
      // a smooth loss of the output, Σ r·y, with fixed random weights r
      Operand<TFloat32> weighted = tf.math.mul(y, tf.constant(r));
      Operand<TFloat32> loss = tf.sum(weighted, tf.constant(new int[] {0, 1, 2, 3}));
      GradientCheck.Fetcher fetch = operand -> {
        try (Result res = s.runner().fetch(operand).run()) {
          return Tensors.toArray(res.get(0));
        }
      };
      List<Parameters.Param> trainable = params.all().stream().filter(Parameters.Param::trainable)
          .filter(p -> !(p.name().endsWith("/bias") && p.name().contains("conv"))).toList();
      int checked = GradientCheck.check(tf, s, fetch, trainable, loss,
          f -> GradientCheck.sum(f.fetch(weighted)), 2, 1e-3, 0.03, 5e-3);
      assertEquals(true, checked >= 2 * trainable.size() - 10, "checked " + checked);
    }
  }
}
