package org.genmodels.shared.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.genmodels.shared.tf.GlobalStep;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** {@link Gaussian#stepNormal}: a function of the seed pair and the step counter alone. */
class StepNormalTest {
  private static final int LATENT = 1000;

  /** A graph drawing {@code [B, 1000]} noise, B from a fed placeholder, and a step increment. */
  private record Noise(Placeholder<TFloat32> x, Operand<TFloat32> eps, Op increment) {
    static Noise build(Ops tf, Seeds seeds) {
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 1)));
      Operand<TFloat32> eps = Gaussian.stepNormal(tf, Gaussian.batchShape(tf, x, LATENT), seeds);
      return new Noise(x, eps, tf.assignAdd(GlobalStep.getOrCreate(tf), tf.constant(1L)));
    }

    float[] draw(Session s, int rows) {
      try (TFloat32 in = Tensors.floats(new float[rows], rows, 1);
           Result r = s.runner().feed(x, in).fetch(eps).run()) {
        return Tensors.toArray(r.get(0));
      }
    }
  }

  @Test
  void sameStepSameDrawNextStepAnother() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Noise noise = Noise.build(Ops.create(g), new Seeds(7));
      float[] first = noise.draw(s, 3);
      assertArrayEquals(first, noise.draw(s, 3), 0f);
      s.run(noise.increment());
      float[] second = noise.draw(s, 3);
      assertFalse(Arrays.equals(first, second));
      assertEquals(3 * LATENT, second.length);
    }
  }

  @Test
  void aNewSessionAtTheSameStepDrawsTheSame() {
    float[][] draws = new float[2][];
    for (int run = 0; run < 2; run++) {
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Noise noise = Noise.build(Ops.create(g), new Seeds(7));
        for (int i = 0; i < 5; i++) {
          s.run(noise.increment());
        }
        draws[run] = noise.draw(s, 2);
      }
    }
    assertArrayEquals(draws[0], draws[1], 0f);
  }

  @Test
  void opsWithOtherSeedPairsDrawOtherNoise() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Seeds seeds = new Seeds(7);
      Noise a = Noise.build(tf, seeds);
      Noise b = Noise.build(tf, seeds);
      assertFalse(Arrays.equals(a.draw(s, 2), b.draw(s, 2)));
    }
  }

  @Test
  void drawsAreStandardNormal() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      float[] z = Noise.build(Ops.create(g), new Seeds(3)).draw(s, 200);
      double mean = 0;
      double square = 0;
      for (float v : z) {
        mean += v;
        square += (double) v * v;
      }
      mean /= z.length;
      double variance = square / z.length - mean * mean;
      // 200 000 draws: standard errors 0.0022 (mean) and 0.0032 (variance)
      assertEquals(0, mean, 0.011);
      assertEquals(1, variance, 0.016);
    }
  }
}
