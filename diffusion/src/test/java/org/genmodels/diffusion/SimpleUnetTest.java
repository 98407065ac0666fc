package org.genmodels.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.nn.BatchNorm;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.Fetch;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@link SimpleUnet}'s output has its input's shape for every setting, and its trainable
 * parameters are those of the seed's layers, counted here from the layer list of MODELS.md §5.
 */
class SimpleUnetTest {
  private static final UnetSettings TINY = UnetSettings.builder().widths(List.of(2, 4)).channels(1).imageSize(8)
      .timeEmbedding(4).build();

  /** The seed's parameter count, layer by layer (PyTorch counts BN weight and bias, not running stats). */
  static long seedParameterCount(UnetSettings s) {
    long d = s.timeEmbedding();
    List<Integer> w = s.widths();
    long count = d * d + d;                                        // time_mlp Linear(d, d)
    count += 3L * 3 * s.channels() * w.get(0) + w.get(0);          // conv0
    for (int i = 0; i + 1 < w.size(); i++) {                      // down blocks
      count += block(w.get(i), w.get(i + 1), d, false);
    }
    for (int i = w.size() - 1; i > 0; i--) {                       // up blocks
      count += block(w.get(i), w.get(i - 1), d, true);
    }
    count += (long) w.get(0) * s.channels() + s.channels();        // output conv k1
    return count;
  }

  private static long block(long in, long out, long d, boolean up) {
    long c1in = up ? 2 * in : in;
    return d * out + out                                           // time_mlp
        + 9 * c1in * out + out                                     // conv1
        + 9 * out * out + out                                      // conv2
        + 2 * (2 * out)                                            // bnorm1, bnorm2
        + 16 * out * out + out;                                    // transform (k4)
  }

  private static void assertShapes(UnetSettings s, boolean run) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(new Seeds(5));
      SimpleUnet unet = SimpleUnet.create(tf, params, s);
      int size = s.imageSize();
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, size, size, s.channels())));
      Placeholder<TInt32> t = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      List<Op> updates = new ArrayList<>();
      Operand<TFloat32> train = unet.apply(tf, x, t, BatchNorm.Mode.TRAINING, updates);
      Operand<TFloat32> infer = unet.apply(tf, x, t, BatchNorm.Mode.INFERENCE, new ArrayList<>());
      long[] expected = {-1, size, size, s.channels()};
      assertArrayEquals(expected, train.shape().asArray());
      assertArrayEquals(expected, infer.shape().asArray());
      assertEquals(4 * (s.widths().size() - 1) * 2, updates.size(), "two averages per batch norm, two per block");
      assertEquals(seedParameterCount(s), params.trainableCount());
      if (run) {
        try (Session session = new Session(g);
             TFloat32 in = TFloat32.tensorOf(Shape.of(3, size, size, s.channels()));
             TInt32 steps = TInt32.vectorOf(0, 7, 299)) {
          float[] y;
          try (var r = session.runner().feed(x, in).feed(t, steps).fetch(infer).run()) {
            y = org.genmodels.shared.tf.Tensors.toArray(r.get(0));
          }
          assertEquals(3L * size * size * s.channels(), y.length);
        }
      }
    }
  }

  @Test
  void cpuDefaultKeepsTheShape() {
    assertShapes(UnetSettings.cpu(), true);
  }

  @Test
  void cpuDefaultHasTheParameterCountOfTheFieldNotesPrototype() {
    // the field notes measured a prototype of this network at 929 409 parameters
    assertEquals(929_409, seedParameterCount(UnetSettings.cpu()));
  }

  @Test
  void seedNetworkKeepsTheShapeAsAGraph() {
    assertShapes(UnetSettings.seed004(), false);
  }

  @Test
  void seedNetworkHasAboutSixtyTwoMillionParameters() {
    long n = seedParameterCount(UnetSettings.seed004());
    assertEquals(62.4e6, n, 0.5e6, "MODELS.md: about 62 M parameters");
  }

  @Test
  void tinyNetworkRunsAndKeepsTheShape() {
    assertShapes(TINY, true);
    assertShapes(UnetSettings.builder().widths(List.of(3, 5, 6)).channels(3).imageSize(12).timeEmbedding(6).build(),
        true);
  }

  @Test
  void embeddingFrequenciesFollowTheSeed() {
    float[] f = SinusoidalEmbedding.frequencies(32);
    assertEquals(16, f.length);
    assertEquals(1f, f[0]);
    assertEquals(1e-4f, f[15], 1e-9f);
    assertEquals(Math.pow(10000, -1.0 / 15), f[1], 1e-7);
  }

  @Test
  void embeddingIsSinesThenCosines() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      float[] e = Fetch.floats(s, SinusoidalEmbedding.apply(tf, tf.constant(new int[] {3}), 8));
      double[] f = {1, Math.pow(10000, -1.0 / 3), Math.pow(10000, -2.0 / 3), 1e-4};
      for (int k = 0; k < 4; k++) {
        assertEquals(Math.sin(3 * f[k]), e[k], 1e-6);
        assertEquals(Math.cos(3 * f[k]), e[4 + k], 1e-6);
      }
    }
  }
}
