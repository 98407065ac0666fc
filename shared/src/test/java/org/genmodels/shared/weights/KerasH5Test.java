package org.genmodels.shared.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.genmodels.shared.data.Idx;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.weights.WeightArray.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KerasH5} on a real Keras 2.1.6 file (the {@code keras_h5/packt_vae_cnn_mnist} fixture, its
 * values checked against numpy's {@code expected.json} through a plain-Java forward pass) and on
 * small files h5py wrote as Keras does ({@code keras/make_files.py} beside the test resources says
 * how; every value there is a literal repeated here).
 */
class KerasH5Test {
  static final String FIXTURE = "fixtures/keras_h5/packt_vae_cnn_mnist/";

  @TempDir
  Path tmp;

  static Path fixture() {
    return TestData.sharedDir().resolve(FIXTURE + "vae_cnn_mnist.h5");
  }

  static Path resource(String name) {
    try {
      return Path.of(KerasH5Test.class.getResource("keras/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void fixtureHasEveryArrayOfSourceMdWithItsKerasPath() {
    WeightFile file = KerasH5.read(fixture());
    assertEquals("Keras 2.1.6 HDF5 weights (save_weights)", file.format());
    Object[][] expected = {
        {"encoder/conv2d_1/kernel", new int[] {3, 3, 1, 32}}, {"encoder/conv2d_1/bias", new int[] {32}},
        {"encoder/conv2d_2/kernel", new int[] {3, 3, 32, 64}}, {"encoder/conv2d_2/bias", new int[] {64}},
        {"encoder/dense_1/kernel", new int[] {3136, 16}}, {"encoder/dense_1/bias", new int[] {16}},
        {"encoder/z_mean/kernel", new int[] {16, 2}}, {"encoder/z_mean/bias", new int[] {2}},
        {"encoder/z_log_var/kernel", new int[] {16, 2}}, {"encoder/z_log_var/bias", new int[] {2}},
        {"decoder/dense_2/kernel", new int[] {2, 3136}}, {"decoder/dense_2/bias", new int[] {3136}},
        {"decoder/conv2d_transpose_1/kernel", new int[] {3, 3, 64, 64}},
        {"decoder/conv2d_transpose_1/bias", new int[] {64}},
        {"decoder/conv2d_transpose_2/kernel", new int[] {3, 3, 32, 64}},
        {"decoder/conv2d_transpose_2/bias", new int[] {32}},
        {"decoder/decoder_output/kernel", new int[] {3, 3, 1, 32}}, {"decoder/decoder_output/bias", new int[] {1}},
    };
    assertEquals(expected.length, file.arrays().size());
    for (int i = 0; i < expected.length; i++) {
      WeightArray a = file.arrays().get(i);
      assertEquals(expected[i][0], a.name());
      assertEquals(DType.FLOAT32, a.dtype());
      assertArrayEquals((int[]) expected[i][1], a.shape(), a.name());
    }
    assertEquals("layer encoder/dense_1, dataset /encoder/dense_1/kernel:0",
        file.get("encoder/dense_1/kernel").orElseThrow().origin());
    assertEquals(List.of("layers: encoder_input (no weights), encoder (10 arrays), decoder (8 arrays)"), file.notes());
  }

  @Test
  void fixtureZMeanAndZLogVarFromTheDense16ActivationsMatchNumpy() throws IOException {
    PacktVaeReference vae = new PacktVaeReference(KerasH5.read(fixture()));
    Map<?, ?> outputs = (Map<?, ?>) expected().get("outputs");
    double[][] dense16 = matrix(outputs.get("encoder_dense_1_relu_16"));
    double worst = 0;
    for (String head : new String[] {"z_mean", "z_log_var"}) {
      double[][] want = matrix(outputs.get(head));
      for (int i = 0; i < dense16.length; i++) {
        worst = Math.max(worst, maxAbsDiff(want[i], vae.head(dense16[i], head)));
      }
    }
    System.out.printf("Keras HDF5 fixture: z_mean, z_log_var from expected.json's Dense-16: max abs diff %.2e%n", worst);
    // expected.json prints 7 decimals
    assertTrue(worst <= 1e-6, "max abs diff " + worst);
  }

  @Test
  void fixtureWholeVaeInDoublePrecisionMatchesNumpy() throws IOException {
    PacktVaeReference vae = new PacktVaeReference(KerasH5.read(fixture()));
    Map<?, ?> json = expected();
    Map<?, ?> outputs = (Map<?, ?>) json.get("outputs");
    List<?> sums = (List<?>) ((Map<?, ?>) json.get("input")).get("pixel_sum_per_image_before_scaling");
    Idx.Array images = Idx.read(TestData.mnistDir().resolve("t10k-images-idx3-ubyte.gz"), 3);
    double[][] dense16 = matrix(outputs.get("encoder_dense_1_relu_16"));
    double[][] zMean = matrix(outputs.get("z_mean"));
    double[][] decoded = matrix(((Map<?, ?>) outputs.get("decoder_of_z_mean_flat")).get("values"));
    double encoderWorst = 0;
    double decoderWorst = 0;
    for (int i = 0; i < 8; i++) {
      double[] x = new double[784];
      long sum = 0;
      for (int p = 0; p < 784; p++) {
        int pixel = images.data()[i * 784 + p] & 0xff;
        sum += pixel;
        x[p] = pixel / 255.0;
      }
      assertEquals(((Number) sums.get(i)).longValue(), sum, "MNIST test image " + i);
      double[] h = vae.dense16(x);
      encoderWorst = Math.max(encoderWorst, maxAbsDiff(dense16[i], h));
      encoderWorst = Math.max(encoderWorst, maxAbsDiff(zMean[i], vae.head(h, "z_mean")));
      decoderWorst = Math.max(decoderWorst, maxAbsDiff(decoded[i], vae.decode(zMean[i])));
    }
    Map<?, ?> fixed = (Map<?, ?>) outputs.get("decoder_of_fixed_z");
    double[][] z = matrix(fixed.get("z"));
    double[][] fixedOut = matrix(fixed.get("values_flat"));
    for (int i = 0; i < z.length; i++) {
      decoderWorst = Math.max(decoderWorst, maxAbsDiff(fixedOut[i], vae.decode(z[i])));
    }
    System.out.printf("Keras HDF5 fixture, plain-Java float64 forward vs numpy: encoder %.2e, decoder %.2e%n",
        encoderWorst, decoderWorst);
    assertTrue(encoderWorst <= 1e-6, "encoder max abs diff " + encoderWorst);
    assertTrue(decoderWorst <= 1e-6, "decoder max abs diff " + decoderWorst);
  }

  @Test
  void plainSaveWeightsFileNamesArraysByLayerAndWeight() {
    WeightFile file = KerasH5.read(resource("keras2_save_weights.h5"));
    assertEquals("Keras 2.2.4 HDF5 weights (save_weights)", file.format());
    assertEquals(List.of("dense_1/kernel", "dense_1/bias", "dense_2/kernel", "dense_2/bias"), names(file));
    WeightArray kernel = file.get("dense_1/kernel").orElseThrow();
    assertEquals(DType.FLOAT32, kernel.dtype());
    assertArrayEquals(new int[] {3, 2}, kernel.shape());
    assertArrayEquals(new float[] {0.5f, -1, 1.5f, 2, -2.5f, 3}, kernel.floats());
    assertArrayEquals(new float[] {0.25f, -0.75f}, file.get("dense_1/bias").orElseThrow().floats());
    WeightArray kernel2 = file.get("dense_2/kernel").orElseThrow();
    assertEquals(DType.FLOAT64, kernel2.dtype());
    assertArrayEquals(new double[] {1.0 / 3.0, -2.0 / 3.0}, doubles(kernel2));
    assertArrayEquals(new double[] {0.1}, doubles(file.get("dense_2/bias").orElseThrow()));
    assertEquals("layer dense_1, dataset /dense_1/dense_1/kernel:0", kernel.origin());
    assertEquals(List.of("layers: dense_1 (2 arrays), dropout_1 (no weights), dense_2 (2 arrays)"), file.notes());
  }

  @Test
  void modelSaveFileWithVariableLengthNamesFloat16AndBigEndianGzipChunks() {
    WeightFile file = KerasH5.read(resource("keras2_model_save_vlen.h5"));
    assertEquals("Keras 2.2.4 HDF5 model (model.save)", file.format());
    assertEquals(List.of("dense_1/kernel", "dense_1/bias", "dense_2/kernel", "dense_2/bias"), names(file));
    WeightArray kernel = file.get("dense_1/kernel").orElseThrow();
    assertEquals(DType.FLOAT16, kernel.dtype());
    assertArrayEquals(new float[] {0.5f, -1.25f, 2, 0.125f, -3, 65504}, kernel.floats());
    assertArrayEquals(new float[] {0x1p-24f, -0.5f}, file.get("dense_1/bias").orElseThrow().floats());
    // written big-endian, chunked and gzip-compressed: every bit of 1/3 survives
    assertArrayEquals(new double[] {1.0 / 3.0, -2.0 / 3.0}, doubles(file.get("dense_2/kernel").orElseThrow()));
    assertEquals("layer dense_1, dataset /model_weights/dense_1/dense_1/kernel:0", kernel.origin());
    List<String> notes = file.notes();
    assertEquals("layers: input_1 (no weights), dense_1 (2 arrays), dense_2 (2 arrays)", notes.get(0));
    assertEquals("model_config:\nModel tiny, 3 layers:\n  InputLayer input_1\n  Dense dense_1\n  Dense dense_2",
        notes.get(1));
    assertTrue(notes.get(2).startsWith("training_config: {\"optimizer_config\": {\"class_name\": \"Adam\""), notes.get(2));
    assertEquals("optimizer_weights: the optimizer's state is not read", notes.get(3));
    assertTrue(notes.get(4).startsWith("model_config JSON: {\"class_name\": \"Model\""), notes.get(4));
  }

  @Test
  void nameListsSplitIntoNumberedAttributesAreJoined() {
    WeightFile file = KerasH5.read(resource("keras2_chunked_names.h5"));
    assertEquals(List.of("dense_1/kernel", "dense_1/bias", "dense_2/kernel"), names(file));
    assertArrayEquals(new float[] {1, 2}, file.get("dense_1/kernel").orElseThrow().floats());
    assertArrayEquals(new float[] {3}, file.get("dense_1/bias").orElseThrow().floats());
  }

  @Test
  void keras3WeightsFileIsReadByPathWithIndicesInNumericOrder() {
    WeightFile file = KerasH5.read(resource("keras3.weights.h5"));
    assertEquals("Keras 3 weights (.weights.h5)", file.format());
    List<String> names = names(file);
    assertEquals(List.of("layers/dense/0", "layers/dense/1", "layers/functional/layers/dense/0",
        "layers/functional/layers/dense/1"), names.subList(0, 4));
    assertEquals(4 + 11, names.size(), "the optimizer's arrays are left out: " + names);
    for (int i = 0; i <= 10; i++) {
      WeightArray v = file.arrays().get(4 + i);
      assertEquals("layers/normalization/" + i, v.name());
      assertArrayEquals(new int[0], v.shape());
      assertArrayEquals(new float[] {i}, v.floats());
    }
    assertArrayEquals(new float[] {0.5f, -1, 1.5f, 2, -2.5f, 3}, file.get("layers/dense/0").orElseThrow().floats());
    assertArrayEquals(new double[] {0.1}, doubles(file.get("layers/functional/layers/dense/1").orElseThrow()));
    assertEquals("layer layers/dense, dataset /layers/dense/vars/0", file.get("layers/dense/0").orElseThrow().origin());
    assertTrue(file.notes().contains("optimizer: its state (under /optimizer) is not read"), file.notes().toString());
  }

  @Test
  void kerasArchiveIsReadThroughItsModelWeightsH5() throws IOException {
    String config = "{\"module\": \"keras\", \"class_name\": \"Functional\", \"config\": {\"name\": \"functional\","
        + " \"layers\": [{\"module\": \"keras.layers\", \"class_name\": \"Dense\", \"config\": {\"name\": \"dense\"},"
        + " \"name\": \"dense\"}]}}";
    Path archive = zip("model.keras", Map.of(
        "metadata.json", "{\"keras_version\": \"3.3.3\"}".getBytes(),
        "config.json", config.getBytes(),
        "model.weights.h5", Files.readAllBytes(resource("keras3.weights.h5"))));
    WeightFile file = KerasH5.read(archive);
    assertEquals("Keras 3 model (.keras)", file.format());
    assertEquals(names(KerasH5.read(resource("keras3.weights.h5"))), names(file));
    assertArrayEquals(new float[] {0.25f, -0.75f}, file.get("layers/dense/1").orElseThrow().floats());
    assertEquals("metadata.json: {\"keras_version\": \"3.3.3\"}", file.notes().get(0));
    assertEquals("model_config (config.json):\nFunctional functional, 1 layer:\n  Dense dense", file.notes().get(1));
    assertEquals("model_config JSON: " + config, file.notes().get(file.notes().size() - 1));
  }

  @Test
  void weightNamesFollowTheKerasPath() {
    assertEquals("dense_1/kernel", Keras2Layout.arrayName("dense_1", "dense_1/kernel:0"));
    assertEquals("encoder/dense_1/kernel", Keras2Layout.arrayName("encoder", "dense_1/kernel:0"));
    assertEquals("decoder/dense_2/bias", Keras2Layout.arrayName("decoder", "dense_2/bias:0"));
    // a layer called like a prefix of another is no prefix of its path
    assertEquals("dense/dense_1/kernel", Keras2Layout.arrayName("dense", "dense_1/kernel:0"));
    // only :0 is dropped: another output index stays, so two names cannot collapse into one
    assertEquals("lstm/kernel:1", Keras2Layout.arrayName("lstm", "lstm/kernel:1"));
  }

  Path zip(String name, Map<String, byte[]> entries) throws IOException {
    Path path = tmp.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(path))) {
      for (String entry : List.of("metadata.json", "config.json", "model.weights.h5", "model.weights.npz",
          "archive/data.pkl", "notes.txt")) {
        if (entries.containsKey(entry)) {
          out.putNextEntry(new ZipEntry(entry));
          out.write(entries.get(entry));
          out.closeEntry();
        }
      }
    }
    return path;
  }

  static List<String> names(WeightFile file) {
    return file.arrays().stream().map(WeightArray::name).toList();
  }

  static double[] doubles(WeightArray a) {
    assertEquals(DType.FLOAT64, a.dtype());
    double[] out = new double[(int) a.elementCount()];
    a.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
    return out;
  }

  private static Map<?, ?> expected() throws IOException {
    return (Map<?, ?>) Json.parse(Files.readString(TestData.sharedDir().resolve(FIXTURE + "expected.json")));
  }

  private static double[][] matrix(Object json) {
    List<?> rows = (List<?>) json;
    double[][] out = new double[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      List<?> row = (List<?>) rows.get(i);
      out[i] = new double[row.size()];
      for (int j = 0; j < row.size(); j++) {
        out[i][j] = ((Number) row.get(j)).doubleValue();
      }
    }
    return out;
  }

  private static double maxAbsDiff(double[] want, double[] got) {
    assertEquals(want.length, got.length);
    double worst = 0;
    for (int i = 0; i < want.length; i++) {
      worst = Math.max(worst, Math.abs(want[i] - got[i]));
    }
    return worst;
  }
}
