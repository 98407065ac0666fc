package org.genmodels.diffusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.genmodels.shared.testing.Fetch;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The schedule's tables against closed forms computed here in double, the forward process's
 * moments over many draws, and one reverse step against the seed's formula by hand.
 */
class GaussianDiffusionTest {
  private static final int T = 300;
  private static final GaussianDiffusion D = GaussianDiffusion.linear(T, 1e-4, 0.02);

  /** beta_t of the seed's linspace(1e-4, 0.02, 300), from its definition. */
  private static double beta(int t) {
    return 1e-4 + (0.02 - 1e-4) * t / (T - 1);
  }

  /** ∏_{s ≤ t} (1 − beta_s), multiplied out here. */
  private static double alphaBar(int t) {
    double p = 1;
    for (int s = 0; s <= t; s++) {
      p *= 1 - beta(s);
    }
    return p;
  }

  @Test
  void betasAreTheSeedsLinspace() {
    double[] b = D.betas();
    assertEquals(T, b.length);
    assertEquals(1e-4, b[0], 1e-15);
    assertEquals(0.02, b[T - 1], 1e-15);
    assertEquals((0.02 - 1e-4) / 299, b[1] - b[0], 1e-15);
  }

  @Test
  void cumulativeProductsMatchProductsComputedHere() {
    double[] ac = D.alphasCumprod();
    double[] prev = D.alphasCumprodPrev();
    for (int t : new int[] {0, 1, 2, 50, 149, 298, 299}) {
      assertEquals(alphaBar(t), ac[t], 1e-12, "alphas_cumprod[" + t + "]");
      assertEquals(t == 0 ? 1 : alphaBar(t - 1), prev[t], 1e-12, "alphas_cumprod_prev[" + t + "]");
      assertEquals(1 - beta(t), D.alphas()[t], 1e-15);
    }
    // ᾱ ≈ exp(−Σβ) for small betas: about 4.8 % of the signal variance is left at t = 299
    assertEquals(Math.exp(-(1e-4 + 0.02) / 2 * T), ac[T - 1], 0.002);
  }

  @Test
  void squareRootTablesAndPosteriorVariance() {
    for (int t : new int[] {0, 1, 100, 299}) {
      double ab = alphaBar(t);
      double abPrev = t == 0 ? 1 : alphaBar(t - 1);
      assertEquals(1 / Math.sqrt(1 - beta(t)), D.sqrtRecipAlphas()[t], 1e-12);
      assertEquals(Math.sqrt(ab), D.sqrtAlphasCumprod()[t], 1e-12);
      assertEquals(Math.sqrt(1 - ab), D.sqrtOneMinusAlphasCumprod()[t], 1e-12);
      assertEquals(beta(t) * (1 - abPrev) / (1 - ab), D.posteriorVariance()[t], 1e-12);
    }
    assertEquals(0.0, D.posteriorVariance()[0]);
    // the posterior variance lies below beta_t (their ratio is (1 − ᾱ_{t−1}) / (1 − ᾱ_t) < 1)
    for (int t = 1; t < T; t++) {
      double pv = D.posteriorVariance()[t];
      assertEquals(true, pv > 0 && pv < beta(t), "0 < posterior variance < beta at " + t);
    }
  }

  @Test
  void badSchedulesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> GaussianDiffusion.linear(1, 1e-4, 0.02));
    assertThrows(IllegalArgumentException.class, () -> GaussianDiffusion.linear(300, 0.02, 1e-4));
    assertThrows(IllegalArgumentException.class, () -> GaussianDiffusion.linear(300, 0, 0.02));
  }

  @Test
  void qSampleHasTheClosedFormMeanAndVariance() {
    int draws = 40_000;
    float[] x0 = {-1f, -0.25f, 0.5f, 1f};
    int[] steps = {10, 150, 299};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      for (int t : steps) {
        int[] ts = new int[draws];
        java.util.Arrays.fill(ts, t);
        Operand<TFloat32> x = tf.tile(tf.constant(new float[][][][] {{{x0}}}), tf.constant(new int[] {draws, 1, 1, 1}));
        Operand<TFloat32> noise = tf.random.statelessRandomNormal(tf.constant(new int[] {draws, 1, 1, 4}),
            tf.constant(new long[] {7, t}), TFloat32.class);
        float[] xt = Fetch.floats(s, D.qSample(tf, x, tf.constant(ts), noise));
        double ab = alphaBar(t);
        for (int p = 0; p < 4; p++) {
          double sum = 0;
          double sq = 0;
          for (int i = 0; i < draws; i++) {
            sum += xt[i * 4 + p];
          }
          double mean = sum / draws;
          for (int i = 0; i < draws; i++) {
            sq += (xt[i * 4 + p] - mean) * (xt[i * 4 + p] - mean);
          }
          double variance = sq / (draws - 1);
          double sd = Math.sqrt(1 - ab);
          // 5 standard errors: of the mean sd/√n, of the variance sd²·√(2/n)
          assertEquals(Math.sqrt(ab) * x0[p], mean, 5 * sd / Math.sqrt(draws), "mean at t " + t);
          assertEquals(1 - ab, variance, 5 * (1 - ab) * Math.sqrt(2.0 / draws), "variance at t " + t);
        }
      }
    }
  }

  @Test
  void reverseStepIsTheSeedsFormulaWithNoNoiseAtZero() {
    // three images of two pixels at t = 0, 5, 299; the "network" predicts 0.5·x + 0.1
    float[] x = {0.3f, -0.8f, 0.9f, 0.1f, -0.5f, 2.5f};
    float[] z = {1.2f, -0.7f, 0.4f, 2.0f, -1.5f, 0.6f};
    int[] t = {0, 5, 299};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> xs = tf.constant(new float[][][][] {{{{x[0], x[1]}}}, {{{x[2], x[3]}}}, {{{x[4], x[5]}}}});
      Operand<TFloat32> zs = tf.constant(new float[][][][] {{{{z[0], z[1]}}}, {{{z[2], z[3]}}}, {{{z[4], z[5]}}}});
      GaussianDiffusion.NoisePredictor model = (ops, in, steps) -> ops.math.add(ops.math.mul(in, ops.constant(0.5f)),
          ops.constant(0.1f));
      Operand<TInt32> ts = tf.constant(t);
      float[] raw = Fetch.floats(s, D.pSample(tf, model, xs, ts, zs));
      float[] clamped = Fetch.floats(s, D.reverseStep(tf, model, xs, ts, zs));
      for (int i = 0; i < 3; i++) {
        int step = t[i];
        double ab = alphaBar(step);
        double abPrev = step == 0 ? 1 : alphaBar(step - 1);
        for (int p = 0; p < 2; p++) {
          double xi = x[2 * i + p];
          double eps = 0.5 * xi + 0.1;
          double mean = Math.sqrt(1 / (1 - beta(step))) * (xi - beta(step) * eps / Math.sqrt(1 - ab));
          double sigma = Math.sqrt(beta(step) * (1 - abPrev) / (1 - ab));
          double expected = step == 0 ? mean : mean + sigma * z[2 * i + p];
          assertEquals(expected, raw[2 * i + p], 1e-5, "t " + step);
          assertEquals(Math.max(-1, Math.min(1, expected)), clamped[2 * i + p], 1e-5, "clamped, t " + step);
        }
      }
      assertEquals(1f, clamped[5]);
    }
  }

  /**
   * The sampling loop's step: {@link GaussianDiffusion#pSample} with z the stateless normal keyed
   * by {@code [seed, t]}, clamped at t = 0 only, or after every step when asked for.
   */
  @Test
  void aSamplingStepDrawsItsNoiseFromTheSeedAndTheStepAndClampsAsAsked() {
    float[] x = {0.3f, -0.8f, 2.5f, 0.1f};
    GaussianDiffusion.NoisePredictor model = (ops, in, steps) -> ops.math.add(ops.math.mul(in, ops.constant(0.5f)),
        ops.constant(0.1f));
    for (int step : new int[] {0, 5}) {
      float[] z;
      float[] loose;
      float[] clamped;
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Operand<TFloat32> xs = tf.constant(new float[][][][] {{{x}}});
        Operand<TInt32> t = tf.constant(step);
        Operand<TInt64> seed = tf.constant(42L);
        z = Fetch.floats(s, tf.random.statelessRandomNormal(tf.constant(new int[] {1, 1, 1, 4}),
            tf.constant(new long[] {42, step}), TFloat32.class));
        loose = Fetch.floats(s, D.samplingStep(tf, model, xs, t, seed, false));
        clamped = Fetch.floats(s, D.samplingStep(tf, model, xs, t, seed, true));
      }
      double ab = alphaBar(step);
      double abPrev = step == 0 ? 1 : alphaBar(step - 1);
      for (int p = 0; p < 4; p++) {
        double eps = 0.5 * x[p] + 0.1;
        double mean = Math.sqrt(1 / (1 - beta(step))) * (x[p] - beta(step) * eps / Math.sqrt(1 - ab));
        double sigma = Math.sqrt(beta(step) * (1 - abPrev) / (1 - ab));
        double expected = step == 0 ? mean : mean + sigma * z[p];
        double clip = Math.max(-1, Math.min(1, expected));
        assertEquals(step == 0 ? clip : expected, loose[p], 1e-5, "t " + step + ", clamped at 0 only");
        assertEquals(clip, clamped[p], 1e-5, "t " + step + ", clamped every step");
      }
      assertTrue(step == 0 ? loose[2] == 1f : loose[2] > 1.5f, "the 2.5 pixel: " + loose[2]);
    }
  }

  /**
   * The whole reverse chain with the exact noise predictor of a data set of one image x*,
   * eps(x_t, t) = (x_t − sqrt(ᾱ_t) x*) / sqrt(1 − ᾱ_t): every step then draws from
   * q(x_{t−1} | x_t, x*), and t = 0 lands on x* itself — from pure noise, with fresh noise each step.
   */
  @Test
  void theReverseChainWithTheExactPredictorEndsOnTheImage() {
    float[] target = {-1f, -0.5f, 0f, 0.25f, 0.75f, 1f};
    java.util.Random random = new java.util.Random(3);
    float[] x = new float[target.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    float[] sqrtAlphaBar = toFloat(D.sqrtAlphasCumprod());
    float[] sqrtOneMinus = toFloat(D.sqrtOneMinusAlphasCumprod());
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var xIn = tf.placeholder(TFloat32.class);
      var zIn = tf.placeholder(TFloat32.class);
      var tIn = tf.placeholder(TInt32.class);
      GaussianDiffusion.NoisePredictor exact = (ops, in, steps) -> ops.math.div(ops.math.sub(in,
          ops.math.mul(ops.gather(ops.constant(sqrtAlphaBar), steps, ops.constant(0)),
              ops.constant(new float[][][][] {{{target}}}))),
          ops.gather(ops.constant(sqrtOneMinus), steps, ops.constant(0)));
      Operand<TFloat32> next = D.reverseStep(tf, exact, xIn, tIn, zIn);
      for (int step = T - 1; step >= 0; step--) {
        float[] z = new float[x.length];
        for (int i = 0; i < z.length; i++) {
          z[i] = (float) random.nextGaussian();
        }
        try (TFloat32 xt = Tensors.floats(x, new long[] {1, 1, 1, x.length});
             TFloat32 zt = Tensors.floats(z, new long[] {1, 1, 1, z.length});
             TInt32 tt = TInt32.vectorOf(step);
             Result r = s.runner().feed(xIn, xt).feed(zIn, zt).feed(tIn, tt).fetch(next).run()) {
          x = Tensors.toArray((TFloat32) r.get(0));
        }
      }
    }
    for (int i = 0; i < x.length; i++) {
      assertEquals(target[i], x[i], 1e-4, "pixel " + i);
    }
  }

  private static float[] toFloat(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }
}
