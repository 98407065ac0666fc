package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.nn.Activation;
import org.genmodels.shared.nn.Conv2D;
import org.genmodels.shared.nn.Conv2DTranspose;
import org.genmodels.shared.nn.Dense;
import org.genmodels.shared.nn.Padding;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Both halves of {@code fashion_conv_ae} (Keras functional, TF 2.14) rebuilt from the shared
 * {@link Conv2D}, {@link Conv2DTranspose} (Keras {@code same} padding, HWIO and
 * {@code [k, k, out, in]} kernels) and {@link Dense} layers with the Keras weights, run on real
 * Fashion-MNIST test images: equal to the SavedModels' own signatures within 1e-5, and to the
 * numpy references of {@code expected.json} within 1e-4.
 */
class FashionConvAeParityTest {
  private static final int N = 200;
  private static final int SIDE = FashionImages.SIDE;
  private static float[] images;
  private static Map<String, Object> expected;

  @BeforeAll
  static void load() throws IOException {
    expected = Fixtures.expected("fashion_conv_ae");
    images = FashionImages.padded(TestData.fashion().test(), 1000);
  }

  @Test
  void encoder() {
    float[] x = Arrays.copyOf(images, N * SIDE * SIDE);
    float[] rebuilt = encode(x, N);
    float[] python = savedModel("encoder", "encoder_input", x, new long[] {N, SIDE, SIDE, 1}, "encoder_output");
    double error = Parity.maxAbsError(rebuilt, python);
    System.out.printf("fashion_conv_ae encoder parity: max abs error %.3g over %d test images%n", error, N);
    assertTrue(error <= 1e-5, "max abs error " + error);
    float[] numpy = Json.floats(Json.object(expected.get("encoder")).get("values"));
    assertTrue(Parity.maxAbsError(numpy, Arrays.copyOf(rebuilt, numpy.length)) <= 1e-4, "against numpy");
  }

  @Test
  void decoder() {
    float[] codes = savedModel("encoder", "encoder_input", Arrays.copyOf(images, N * SIDE * SIDE),
        new long[] {N, SIDE, SIDE, 1}, "encoder_output");
    float[] rebuilt = decode(codes, N);
    float[] python = savedModel("decoder", "decoder_input", codes, new long[] {N, 2}, "decoder_output");
    double error = Parity.maxAbsError(rebuilt, python);
    System.out.printf("fashion_conv_ae decoder parity: max abs error %.3g over the codes of %d test images%n", error, N);
    assertTrue(error <= 1e-5, "max abs error " + error);

    Map<String, Object> dec = Json.object(expected.get("decoder"));
    float[] z = Json.floats(dec.get("z"));
    float[] numpy = Json.floats(dec.get("decoder_output_32x32"));
    float[] fromZ = decode(z, z.length / 2);
    assertTrue(Parity.maxAbsError(numpy, fromZ) <= 1e-4, "against numpy");
    assertTrue(Parity.maxAbsError(savedModel("decoder", "decoder_input", z, new long[] {z.length / 2, 2},
        "decoder_output"), fromZ) <= 1e-5);
  }

  @Test
  void reconstructionCrossEntropyOfTheFirstThousandTestImages() {
    float[] reconstruction = decode(encode(images, 1000), 1000);
    double sum = 0;
    for (int i = 0; i < images.length; i++) {
      double p = Math.min(Math.max(reconstruction[i], 1e-7), 1 - 1e-7);
      sum -= images[i] * Math.log(p) + (1 - images[i]) * Math.log(1 - p);
    }
    double numpy = (Double) Json.object(expected.get("sanity")).get("mean_BCE_decoder(encoder(x))_vs_input_first1000");
    assertEquals(numpy, sum / images.length, 1e-4);
  }

  /** The encoder rebuilt: three stride-2 3×3 same convs with relu, flatten, Dense 2. */
  static float[] encode(float[] x, int n) {
    KerasWeights w = KerasWeights.open(Fixtures.model("fashion_conv_ae/encoder"));
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(new Seeds(0));
      Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIDE, SIDE, 1)));
      Operand<TFloat32> h = input;
      long[] channels = {1, 32, 64, 128};
      for (int i = 0; i < 3; i++) {
        h = Conv2D.create(tf, params, "conv_" + i, channels[i], channels[i + 1], 3, 2, Padding.SAME, Activation.RELU,
            w.initializer(layer(i) + "/kernel"), w.initializer(layer(i) + "/bias")).apply(tf, h);
      }
      Operand<TFloat32> flat = tf.reshape(h, tf.constant(new int[] {-1, 4 * 4 * 128}));
      Operand<TFloat32> code = Dense.create(tf, params, "code", 2048, 2, Activation.LINEAR,
          w.initializer(layer(3) + "/kernel"), w.initializer(layer(3) + "/bias")).apply(tf, flat);
      return run(s, input, code, x, n, SIDE, SIDE, 1);
    }
  }

  /** The decoder rebuilt: Dense 2048, reshape 4×4×128, three stride-2 same transposed convs, a sigmoid conv. */
  static float[] decode(float[] z, int n) {
    KerasWeights w = KerasWeights.open(Fixtures.model("fashion_conv_ae/decoder"));
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(new Seeds(0));
      Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      Operand<TFloat32> dense = Dense.create(tf, params, "dense", 2, 2048, Activation.LINEAR,
          w.initializer(layer(0) + "/kernel"), w.initializer(layer(0) + "/bias")).apply(tf, input);
      Operand<TFloat32> h = tf.reshape(dense, tf.constant(new int[] {-1, 4, 4, 128}));
      long[] channels = {128, 128, 64, 32};
      for (int i = 0; i < 3; i++) {
        h = Conv2DTranspose.create(tf, params, "deconv_" + i, channels[i], channels[i + 1], 3, 2, Padding.SAME,
            Activation.RELU, w.initializer(layer(i + 1) + "/kernel"), w.initializer(layer(i + 1) + "/bias")).apply(tf, h);
      }
      Operand<TFloat32> out = Conv2D.create(tf, params, "out", 32, 1, 3, 1, Padding.SAME, Activation.SIGMOID,
          w.initializer(layer(4) + "/kernel"), w.initializer(layer(4) + "/bias")).apply(tf, h);
      return run(s, input, out, z, n, 2);
    }
  }

  private static String layer(int i) {
    return "layer_with_weights-" + i;
  }

  private static float[] run(Session s, Placeholder<TFloat32> input, Operand<TFloat32> output, float[] x, int n,
      long... row) {
    long[] dims = new long[row.length + 1];
    dims[0] = n;
    System.arraycopy(row, 0, dims, 1, row.length);
    try (TFloat32 t = Tensors.floats(x, dims); Result r = s.runner().feed(input, t).fetch(output).run()) {
      return Tensors.toArray(r.get(0));
    }
  }

  /** Runs a half's own serving_default signature. */
  private static float[] savedModel(String half, String in, float[] x, long[] shape, String out) {
    try (ServingSession s = ServingSession.load(Fixtures.model("fashion_conv_ae/" + half), List.of("serve"));
         TFloat32 t = Tensors.floats(x, shape); Result r = s.call("serving_default", Map.of(in, t))) {
      return Tensors.toArray(r.get(out).orElseThrow());
    }
  }
}
