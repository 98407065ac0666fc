package org.genmodels.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.nn.BatchNorm;
import org.genmodels.shared.nn.ConvOp;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.NewOps;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The in-graph sampler ({@link SamplerGraph}, one session run for all T steps) against the
 * step-by-step form it replaced, rebuilt here: T session runs of
 * {@link GaussianDiffusion#samplingStep} on the graph's variables, x crossing to Java and back
 * each step. Both key the noise by the seed and t, so they must agree — result and snapshots —
 * up to float rounding; and the snapshot steps are those of the seed's strip.
 */
class SamplerGraphTest {
  private static final UnetSettings SMALL = UnetSettings.builder().widths(List.of(4, 8)).channels(1).imageSize(32)
      .timeEmbedding(8).build();
  private static final int T = 10;
  private static final int N = 3;
  private static final long SEED = 11;
  /** Far below the differences a wrong noise key or step makes (order 0.1 and more). */
  private static final float TOLERANCE = 1e-5f;

  /** The old form: placeholders x, t, seed and one reverse step on the variables, run T times. */
  private record Stepwise(Placeholder<TInt32> count, Placeholder<TInt64> seed, Operand<TFloat32> initial,
                          Placeholder<TFloat32> x, Placeholder<TInt32> t, Operand<TFloat32> next) {
    static Stepwise build(Diffusion d) {
      Ops tf = d.graph().ops().withSubScope("stepwise");
      DiffusionModel m = d.model();
      int size = SMALL.imageSize();
      Placeholder<TInt32> count = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
      Placeholder<TInt64> seed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 1)));
      Placeholder<TInt32> t = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
      // on Conv2D, whatever op the model trains on: the loop's generic convs are held to it
      SimpleUnet unet = m.unet().with(ConvOp.CONV2D);
      GaussianDiffusion.NoisePredictor model = (ops, images, steps) -> unet.apply(ops, images, steps,
          BatchNorm.Mode.INFERENCE, new ArrayList<>());
      return new Stepwise(count, seed, m.diffusion().initialNoise(tf, count, seed, size, 1), x, t,
          m.diffusion().samplingStep(tf, model, x, t, seed, d.settings().clampEveryStep()));
    }

    /** x_0 and the images after each step, noisiest first: {@code [T + 1]} arrays, x_T first. */
    List<float[]> run(Session s, int n, long seedValue) {
      List<float[]> chain = new ArrayList<>();
      try (TInt32 c = TInt32.scalarOf(n); TInt64 sd = TInt64.scalarOf(seedValue);
           Result r = s.runner().feed(count, c).feed(seed, sd).fetch(initial).run()) {
        chain.add(Tensors.toArray(r.get(0)));
      }
      try (TInt64 sd = TInt64.scalarOf(seedValue)) {
        for (int step = T - 1; step >= 0; step--) {
          try (TFloat32 xt = Tensors.floats(chain.get(chain.size() - 1), n, 32, 32, 1); TInt32 tt = TInt32.scalarOf(step);
               Result r = s.runner().feed(x, xt).feed(t, tt).feed(seed, sd).fetch(next).run()) {
            chain.add(Tensors.toArray(r.get(0)));
          }
        }
      }
      return chain;
    }
  }

  private static Diffusion trained(boolean clampEveryStep) {
    byte[] pixels = new byte[8 * 28 * 28];
    new SplittableRandom(4).nextBytes(pixels);
    ImageSet set = new ImageSet(8, 28, 28, pixels, new byte[8]);
    Diffusion d = Diffusion.create(DiffusionSettings.builder().unet(SMALL).timesteps(T).batchSize(8).seed(6)
        .clampEveryStep(clampEveryStep).build(), Diffusion.shapeOf(set));
    // two steps move the weights and the batch norms' averages off their initial values
    d.trainStep(set, new int[] {0, 1, 2, 3, 4, 5, 6, 7});
    d.trainStep(set, new int[] {0, 1, 2, 3, 4, 5, 6, 7});
    return d;
  }

  private static float maxDifference(float[] a, float[] b) {
    assertEquals(a.length, b.length);
    float max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  @Test
  void oneRunDrawsWhatTheStepByStepChainDraws() {
    for (boolean clampEveryStep : new boolean[] {false, true}) {
      try (Diffusion d = trained(clampEveryStep)) {
        Stepwise old = Stepwise.build(d);
        List<float[]> chain = old.run(d.session(), N, SEED);
        Samples samples = d.sample(N, SEED, 5);
        int[] steps = samples.snapshotSteps();
        assertArrayEquals(new int[] {8, 6, 4, 2, 0}, steps);
        float max = maxDifference(chain.get(T), samples.images());
        for (int k = 0; k < steps.length; k++) {
          // chain.get(T − t) is x after the step at t
          max = Math.max(max, maxDifference(chain.get(T - steps[k]), samples.snapshots().get(k)));
        }
        System.out.printf(Locale.ROOT, "clamp every step %b: max |in-graph - stepwise| = %g over result and %d"
            + " snapshots%n", clampEveryStep, max, steps.length);
        assertTrue(max <= TOLERANCE, "in-graph and step-by-step chains differ by " + max);
        // a wrong pairing (the snapshot one step off) is far outside the tolerance
        assertTrue(maxDifference(chain.get(T - 1), samples.images()) > 100 * TOLERANCE);
      }
    }
  }

  @Test
  void theResultDoesNotDependOnTheSnapshotsAskedForAndRepeatsBitForBit() {
    try (Diffusion d = trained(false)) {
      float[] plain = d.sample(N, SEED);
      assertArrayEquals(plain, d.sample(N, SEED), 0f);
      Samples strip = d.sample(N, SEED, 10);
      assertArrayEquals(plain, strip.images(), 0f);
      assertArrayEquals(plain, strip.snapshots().get(9), 0f, "the last snapshot, after t = 0, is the result");
      assertEquals(0, d.sample(N, SEED, 0).snapshots().size());
      assertThrows(IllegalArgumentException.class, () -> d.sample(N, SEED, -1));
    }
  }

  @Test
  void snapshotStepsAreEveryTOverKStepsEndingWithTheResult() {
    assertArrayEquals(new int[] {270, 240, 210, 180, 150, 120, 90, 60, 30, 0}, Diffusion.snapshotSteps(300, 10));
    assertArrayEquals(new int[] {18, 16, 14, 12, 10, 8, 6, 4, 2, 0}, Diffusion.snapshotSteps(20, 10));
    // T = 25: every 2 steps gives 24, 22, …, 0 (13); the last 10 are kept
    assertArrayEquals(new int[] {18, 16, 14, 12, 10, 8, 6, 4, 2, 0}, Diffusion.snapshotSteps(25, 10));
    assertArrayEquals(new int[] {4, 3, 2, 1, 0}, Diffusion.snapshotSteps(5, 10));
    assertArrayEquals(new int[] {0}, Diffusion.snapshotSteps(10, 1));
    assertArrayEquals(new int[0], Diffusion.snapshotSteps(10, 0));
  }

  /**
   * In a float32 graph the sampling loop's convs run as TensorFlow's generic {@code Conv}
   * (oneDNN's {@code Conv2D} kernels are slow on some CPUs; {@code ConvOp}); built for bf16 it
   * keeps {@code Conv2D}, which the rewrite casts. The test above holds the float32 form's
   * samples to the step-by-step chain's, whose network runs {@code Conv2D}.
   */
  @Test
  void aFloat32SamplerConvolvesThroughTheGenericConvAndABf16OneDoesNot() {
    for (Precision precision : Precision.values()) {
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        Parameters params = new Parameters(new Seeds(1));
        SimpleUnet.create(tf, params, SMALL);
        NewOps built = NewOps.since(g);
        SamplerGraph.build(tf, GaussianDiffusion.linear(T, 1e-4, 0.02), params, SMALL, false, precision);
        int generic = built.counts().getOrDefault("Conv", 0);
        if (precision == Precision.FP32) {
          // a down block's conv1, conv2 and transform, an up block's conv1 and conv2 (its transform
          // is transposed); but the first block's conv1 is composed with conv0 (ConvComposition's
          // own convs)
          int blocks = SMALL.widths().size() - 1;
          assertEquals(3 * blocks + 2 * blocks - 1, generic, "generic convs in the float32 loop");
        } else {
          assertEquals(0, generic, "a bf16 loop keeps Conv2D");
        }
      }
    }
  }
}
