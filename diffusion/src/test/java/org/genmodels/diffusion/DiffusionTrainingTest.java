package org.genmodels.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.testing.Fetch;
import org.genmodels.shared.tf.Tensors;
import org.genmodels.shared.train.CheckpointSaver;
import org.genmodels.shared.train.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * Training and sampling of a small DDPM on random 28 × 28 pixels: a seeded step is reproducible
 * (bit for bit, weights and batch-norm statistics), sampling from a seed is, the weights' moving
 * average follows its recursion computed here, and a run cut by a checkpoint and resumed ends
 * where an uninterrupted run does.
 */
class DiffusionTrainingTest {
  private static final UnetSettings SMALL = UnetSettings.builder().widths(List.of(4, 8)).channels(1).imageSize(32)
      .timeEmbedding(8).build();
  private static final ImageSet PIXELS = randomImages(32, 5);

  private static DiffusionSettings settings() {
    return small().build();
  }

  private static DiffusionSettings.Builder small() {
    return DiffusionSettings.builder().unet(SMALL).timesteps(20).batchSize(8).epochs(1)
        .figuresEvery(0).fidImages(0).seed(3);
  }

  private static ImageSet randomImages(int n, long seed) {
    byte[] pixels = new byte[n * 28 * 28];
    new SplittableRandom(seed).nextBytes(pixels);
    return new ImageSet(n, 28, 28, pixels, new byte[n]);
  }

  private static int[] first(int n) {
    int[] indices = new int[n];
    Arrays.setAll(indices, i -> i);
    return indices;
  }

  /** Every variable the model's checkpoints hold that the model itself made, by name. */
  private static List<float[]> state(Diffusion d) {
    List<float[]> values = new ArrayList<>();
    for (Parameters.Param p : d.model().params().all()) {
      values.add(Fetch.floats(d.session(), p.value()));
    }
    return values;
  }

  private static void assertSameState(List<float[]> expected, List<float[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), "variable " + i);
    }
  }

  @Test
  void aSeededStepIsReproducibleAndTheSeedMatters() {
    float[] losses = new float[3];
    List<List<float[]>> states = new ArrayList<>();
    long[] seeds = {3, 3, 4};
    for (int run = 0; run < 3; run++) {
      try (Diffusion d = Diffusion.create(small().seed(seeds[run]).build(), Diffusion.shapeOf(PIXELS))) {
        d.trainStep(PIXELS, first(8));
        losses[run] = (float) d.trainStep(PIXELS, first(8)).loss();
        states.add(state(d));
      }
    }
    assertEquals(losses[0], losses[1], 0f, "same seed, same loss");
    assertSameState(states.get(0), states.get(1));
    assertNotEquals(losses[0], losses[2], "another seed draws other weights, t and noise");
    assertTrue(losses[0] > 0.3 && losses[0] < 1.5, "an untrained network's L1 to N(0,1) noise: " + losses[0]);
  }

  @Test
  void samplingFromASeedIsReproducible() {
    try (Diffusion a = Diffusion.create(settings(), Diffusion.shapeOf(PIXELS));
         Diffusion b = Diffusion.create(settings(), Diffusion.shapeOf(PIXELS))) {
      float[] first = a.sample(3, 7);
      assertArrayEquals(first, a.sample(3, 7), "same model, same seed");
      assertArrayEquals(first, b.sample(3, 7), "same weights, same seed");
      assertFalse(Arrays.equals(first, a.sample(3, 8)), "another seed");
      assertEquals(3 * 32 * 32, first.length);
      for (float v : first) {
        assertTrue(v >= -1f && v <= 1f, "the result is clamped to [-1, 1]: " + v);
      }
      Samples strip = a.sample(2, 7, Diffusion.SNAPSHOTS);
      assertEquals(Diffusion.SNAPSHOTS, strip.snapshots().size());
      assertArrayEquals(new int[] {18, 16, 14, 12, 10, 8, 6, 4, 2, 0}, strip.snapshotSteps());
      assertArrayEquals(strip.images(), strip.snapshots().get(Diffusion.SNAPSHOTS - 1), "the last snapshot is the result");
    }
  }

  @Test
  void onlyTheResultIsClampedUnlessEveryStepIsAskedFor() {
    for (boolean everyStep : new boolean[] {false, true}) {
      try (Diffusion d = Diffusion.create(small().clampEveryStep(everyStep).build(), Diffusion.shapeOf(PIXELS))) {
        Samples samples = d.sample(4, 7, Diffusion.SNAPSHOTS);
        float[] early = samples.snapshots().get(0);
        boolean outside = false;
        for (float v : early) {
          outside |= v < -1f || v > 1f;
        }
        assertEquals(!everyStep, outside, "values outside [-1, 1] at t = 18 (nearly pure noise), every step " + everyStep);
        for (float v : samples.images()) {
          assertTrue(v >= -1f && v <= 1f, "the result is clamped: " + v);
        }
      }
    }
  }

  @Test
  void theWeightAverageFollowsItsRecursionAndSwapsInAndOut(@TempDir Path dir) throws IOException {
    Path checkpoint = dir.resolve("checkpoint");
    float decay = 0.75f;
    try (Diffusion d = Diffusion.create(small().ema(decay).build(), Diffusion.shapeOf(PIXELS))) {
      Session s = d.session();
      List<Parameters.Param> weights = d.model().params().all().stream().filter(Parameters.Param::trainable).toList();
      List<double[]> expected = new ArrayList<>();
      for (Parameters.Param w : weights) {
        float[] v = Fetch.floats(s, w.value());
        expected.add(toDouble(v));
        assertArrayEquals(v, average(d, w), "the average starts as the initial weights: " + w.name());
      }
      for (int step = 0; step < 3; step++) {
        d.trainStep(PIXELS, first(8));
        for (int i = 0; i < weights.size(); i++) {
          float[] now = Fetch.floats(s, weights.get(i).value());
          double[] e = expected.get(i);
          for (int k = 0; k < e.length; k++) {
            e[k] = decay * e[k] + (1 - decay) * now[k];
          }
        }
      }
      for (int i = 0; i < weights.size(); i++) {
        float[] actual = average(d, weights.get(i));
        double[] e = expected.get(i);
        for (int k = 0; k < e.length; k++) {
          assertEquals(e[k], actual[k], 1e-6 + 1e-5 * Math.abs(e[k]), weights.get(i).name() + "[" + k + "]");
        }
      }
      Parameters.Param probe = weights.get(weights.size() - 1);
      float[] weight = Fetch.floats(s, probe.value());
      float[] averaged = average(d, probe);
      assertFalse(Arrays.equals(weight, averaged), "three steps move the weights away from their average");
      swap(d);
      assertArrayEquals(averaged, Fetch.floats(s, probe.value()), "swapped in");
      assertArrayEquals(weight, average(d, probe), "and the weights kept");
      swap(d);
      assertArrayEquals(weight, Fetch.floats(s, probe.value()), "swapped back");
      float[] sampled = d.sample(2, 5);
      assertArrayEquals(weight, Fetch.floats(s, probe.value()), "sampling swaps back");
      swap(d);
      Checkpoints.save(s, checkpoint);
      swap(d);
      try (Diffusion plain = Diffusion.create(settings(), Diffusion.shapeOf(PIXELS))) {
        // the average's samples are those of the network that holds the average as its weights
        plain.restore(checkpoint);
        assertArrayEquals(averaged, Fetch.floats(plain.session(), plain.model().params().all().stream()
            .filter(p -> p.name().equals(probe.name())).findFirst().orElseThrow().value()));
        assertArrayEquals(sampled, plain.sample(2, 5));
      }
    }
  }

  @Test
  void aResumedRunEndsWhereAnUninterruptedOneDoes(@TempDir Path dir) {
    DiffusionSettings two = small().epochs(2).ema(0.9f).build();
    ImageSet test = randomImages(8, 9);
    List<float[]> straight;
    List<float[]> straightAverages;
    try (Diffusion d = Diffusion.create(two, Diffusion.shapeOf(PIXELS))) {
      d.train(PIXELS, test, List.of());
      straight = state(d);
      straightAverages = averages(d);
    }
    Path checkpoint = dir.resolve("checkpoint");
    try (Diffusion d = Diffusion.create(two.toBuilder().epochs(1).build(), Diffusion.shapeOf(PIXELS))) {
      d.train(PIXELS, test, List.of(new CheckpointSaver(d.session(), checkpoint, 0, 1, null, null, line -> { })));
    }
    try (Diffusion d = Diffusion.create(two, Diffusion.shapeOf(PIXELS))) {
      d.train(PIXELS, test, List.of(), checkpoint);
      assertSameState(straight, state(d));
      assertSameState(straightAverages, averages(d));
    }
  }

  /** Every weight's average, one after the other. */
  private static List<float[]> averages(Diffusion d) {
    List<float[]> all = new ArrayList<>();
    for (Parameters.Param w : d.model().params().all()) {
      if (w.trainable()) {
        all.add(average(d, w));
      }
    }
    return all;
  }

  private static float[] average(Diffusion d, Parameters.Param weight) {
    String name = "ema/" + weight.name().replace('/', '_') + "_ema";
    try (Result r = d.session().runner().fetch(name).run()) {
      return Tensors.toArray((TFloat32) r.get(0));
    }
  }

  private static void swap(Diffusion d) {
    try (Result r = d.session().runner().addTarget(d.average().swap()).run()) {
      // nothing fetched
    }
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
