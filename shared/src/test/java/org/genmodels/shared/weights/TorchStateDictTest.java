package org.genmodels.shared.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.genmodels.shared.data.Npy;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.weights.WeightArray.DType;
import org.junit.jupiter.api.Test;

/**
 * The reader on PyTorch 1.13's own files (the fixtures of {@code ../shared/fixtures/pytorch}): every
 * key, dtype and shape the fixtures' README lists, and values proven by recomputing PyTorch's golden
 * outputs from the weights read. Hand-built files cover views and byte order; bad files are in
 * {@link TorchStateDictErrorsTest}.
 */
class TorchStateDictTest {
  static Path fixtures() {
    Path dir = TestData.sharedDir().resolve("fixtures").resolve("pytorch");
    assumeTrue(Files.isDirectory(dir), "PyTorch fixtures not found at " + dir);
    return dir;
  }

  static float[] golden(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Npy.read(in, file.toString()).floats();
    }
  }

  @Test
  void readsEveryKeyOfSeed004sVae() {
    WeightFile f = TorchStateDict.read(fixtures().resolve("seed004_vae").resolve("best_model_mnist"));
    Map<String, List<Integer>> expected = new LinkedHashMap<>();
    expected.put("encoder.0.weight", List.of(256, 784));
    expected.put("encoder.0.bias", List.of(256));
    expected.put("encoder.2.weight", List.of(4, 256));
    expected.put("encoder.2.bias", List.of(4));
    expected.put("decoder.0.weight", List.of(256, 2));
    expected.put("decoder.0.bias", List.of(256));
    expected.put("decoder.2.weight", List.of(784, 256));
    expected.put("decoder.2.bias", List.of(784));
    assertEquals(expected, f.arrays().stream().collect(Collectors.toMap(WeightArray::name,
        a -> java.util.Arrays.stream(a.shape()).boxed().toList(), (a, b) -> a, LinkedHashMap::new)));
    assertTrue(f.arrays().stream().allMatch(a -> a.dtype() == DType.FLOAT32));
    assertEquals(TorchStateDict.FORMAT, f.format());
    assertEquals("best_model_mnist/data/0", f.get("encoder.0.weight").orElseThrow().origin());
  }

  /**
   * The seed's forward pass in plain Java, {@code h = encoder(x)}, {@code mu, logvar = h.chunk(2)},
   * {@code decoder(mu)}, against what PyTorch computed from the same file: the values and the
   * [out, in] layouts are right only if these match.
   */
  @Test
  void recomputesPytorchsGoldenOutputsOfTheVae() throws IOException {
    Path dir = fixtures().resolve("seed004_vae");
    WeightFile f = TorchStateDict.read(dir.resolve("best_model_mnist"));
    float[] x = golden(dir.resolve("golden").resolve("x.npy"));
    float[] mu = golden(dir.resolve("golden").resolve("mu.npy"));
    float[] logvar = golden(dir.resolve("golden").resolve("logvar.npy"));
    float[] decoded = golden(dir.resolve("golden").resolve("decoder_of_mu.npy"));
    double worst = 0;
    for (int n = 0; n < 8; n++) {
      float[] image = java.util.Arrays.copyOfRange(x, n * 784, (n + 1) * 784);
      float[] h = linear(f, "encoder.2", relu(linear(f, "encoder.0", image)));
      for (int j = 0; j < 2; j++) {
        worst = Math.max(worst, Math.abs(h[j] - mu[n * 2 + j]));
        worst = Math.max(worst, Math.abs(h[2 + j] - logvar[n * 2 + j]));
      }
      float[] out = linear(f, "decoder.2", relu(linear(f, "decoder.0", new float[] {mu[n * 2], mu[n * 2 + 1]})));
      for (int i = 0; i < 784; i++) {
        worst = Math.max(worst, Math.abs(1 / (1 + Math.exp(-out[i])) - decoded[n * 784 + i]));
      }
    }
    System.out.printf("seed004_vae: max |Java - PyTorch| over mu, logvar, decoder(mu) = %.3g%n", worst);
    assertTrue(worst <= 1e-5, "max abs difference " + worst);
  }

  /** {@code W·in + b} with PyTorch's Linear weight of shape [out, in]. */
  private static float[] linear(WeightFile f, String layer, float[] in) {
    WeightArray w = f.get(layer + ".weight").orElseThrow();
    float[] weights = w.floats();
    float[] bias = f.get(layer + ".bias").orElseThrow().floats();
    int outs = w.shape()[0];
    assertEquals(in.length, w.shape()[1]);
    float[] out = new float[outs];
    for (int o = 0; o < outs; o++) {
      double s = bias[o];
      for (int i = 0; i < in.length; i++) {
        s += (double) weights[o * in.length + i] * in[i];
      }
      out[o] = (float) s;
    }
    return out;
  }

  private static float[] relu(float[] v) {
    float[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.max(0, out[i]);
    }
    return out;
  }

  /**
   * Both SimpleUnet fixtures: key and parameter counts as {@code summary.json} gives them, the
   * int64 batch counters, every parameter of {@code golden_grads.npz} (keyed by state-dict name) with
   * its shape, and sums of a few tensors computed by numpy from the zip's raw storages (a Python
   * unpickler with {@code np.frombuffer} and {@code as_strided}; float64 sums).
   */
  @Test
  void readsBothSimpleUnetsWithTheirParametersAndBuffers() throws IOException {
    checkUnet("seed004_ddpm_cpu", 78, 929_409, 100, 2.9440308685298078, 0.583351943641901, 3.266248566098511);
    checkUnet("seed004_ddpm_narrow64", 150, 989_467, 3, 1.8853944432921708, 0.10874517261981964, 11.846039712429047);
  }

  private static void checkUnet(String name, int keys, long parameters, long batches, double conv0Sum,
                                double outputSum, double runningVarSum) throws IOException {
    Path dir = fixtures().resolve(name);
    WeightFile f = TorchStateDict.read(dir.resolve("model.pt"));
    assertEquals(keys, f.arrays().size());
    Map<String, WeightArray> params = new LinkedHashMap<>();
    for (WeightArray a : f.arrays()) {
      if (a.name().endsWith(".num_batches_tracked")) {
        assertEquals(DType.INT64, a.dtype(), a.name());
        assertEquals(0, a.shape().length, a.name());
        assertEquals(batches, a.longs()[0], a.name());
      } else if (!a.name().endsWith(".running_mean") && !a.name().endsWith(".running_var")) {
        assertEquals(DType.FLOAT32, a.dtype(), a.name());
        params.put(a.name(), a);
      }
    }
    assertEquals(parameters, params.values().stream().mapToLong(WeightArray::elementCount).sum());
    Map<String, int[]> gradShapes = new LinkedHashMap<>();
    try (java.util.zip.ZipFile npz = new java.util.zip.ZipFile(dir.resolve("golden_grads.npz").toFile())) {
      for (java.util.zip.ZipEntry e : java.util.Collections.list(npz.entries())) {
        try (InputStream in = npz.getInputStream(e)) {
          gradShapes.put(e.getName().replaceFirst("\\.npy$", ""), Npy.read(in, e.getName()).shape());
        }
      }
    }
    assertEquals(gradShapes.keySet(), params.keySet(), name + ": the gradients' keys are the parameters'");
    for (Map.Entry<String, int[]> g : gradShapes.entrySet()) {
      assertArrayEquals(g.getValue(), params.get(g.getKey()).shape(), g.getKey());
    }
    assertEquals(conv0Sum, sum(f, "conv0.weight"), 1e-9);
    assertEquals(outputSum, sum(f, "output.weight"), 1e-9);
    assertEquals(runningVarSum, sum(f, "downs.0.bnorm1.running_var"), 1e-9);
  }

  static double sum(WeightFile f, String key) {
    double s = 0;
    for (float v : f.get(key).orElseThrow().floats()) {
      s += v;
    }
    return s;
  }

  /**
   * Views of one storage of 12 floats {@code 0..11} (a 3×4 matrix A[i][j] = 4i + j): its transpose,
   * a row, a column, one element, each read in C order; plus float64, int64, float16 and bool
   * storages.
   */
  @Test
  void resolvesViewsOffsetsAndStridesOfSharedStorages(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    byte[] floats = new byte[48];
    java.nio.ByteBuffer.wrap(floats).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
        .put(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    byte[] doubles = new byte[16];
    java.nio.ByteBuffer.wrap(doubles).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(new double[] {0.1, -2.5});
    byte[] longs = new byte[16];
    java.nio.ByteBuffer.wrap(longs).order(java.nio.ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(new long[] {1L << 40, -7});
    byte[] halves = {0x00, 0x3e, 0x00, (byte) 0xc0}; // 1.5, -2 in IEEE binary16
    byte[] bools = {1, 0, 1};
    List<TorchFiles.Tensor> tensors = List.of(
        new TorchFiles.Tensor("matrix", "FloatStorage", "0", 12, 0, new long[] {3, 4}, new long[] {4, 1}),
        new TorchFiles.Tensor("transposed", "FloatStorage", "0", 12, 0, new long[] {4, 3}, new long[] {1, 4}),
        new TorchFiles.Tensor("row1", "FloatStorage", "0", 12, 4, new long[] {4}, new long[] {1}),
        new TorchFiles.Tensor("column1", "FloatStorage", "0", 12, 1, new long[] {3}, new long[] {4}),
        new TorchFiles.Tensor("every_other", "FloatStorage", "0", 12, 1, new long[] {2, 2}, new long[] {8, 2}),
        new TorchFiles.Tensor("scalar", "FloatStorage", "0", 12, 11, new long[] {}, new long[] {}),
        new TorchFiles.Tensor("empty", "FloatStorage", "0", 12, 0, new long[] {0, 5}, new long[] {5, 1}),
        new TorchFiles.Tensor("f64", "DoubleStorage", "1", 2, 0, new long[] {2}, new long[] {1}),
        new TorchFiles.Tensor("i64", "LongStorage", "2", 2, 0, new long[] {2}, new long[] {1}),
        new TorchFiles.Tensor("f16", "HalfStorage", "3", 2, 0, new long[] {2}, new long[] {1}),
        new TorchFiles.Tensor("mask", "BoolStorage", "4", 3, 0, new long[] {3}, new long[] {1}));
    Map<String, byte[]> records = new LinkedHashMap<>();
    records.put("data.pkl", TorchFiles.stateDict(tensors));
    records.put("data/0", floats);
    records.put("data/1", doubles);
    records.put("data/2", longs);
    records.put("data/3", halves);
    records.put("data/4", bools);
    records.put("version", "3\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    Path file = tmp.resolve("views.pt");
    TorchFiles.zip(file, "views/", records);

    WeightFile f = TorchStateDict.read(file);
    assertEquals(tensors.stream().map(TorchFiles.Tensor::name).toList(), f.arrays().stream().map(WeightArray::name).toList());
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, f.get("matrix").orElseThrow().floats());
    assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, f.get("transposed").orElseThrow().floats());
    assertArrayEquals(new int[] {4, 3}, f.get("transposed").orElseThrow().shape());
    assertArrayEquals(new float[] {4, 5, 6, 7}, f.get("row1").orElseThrow().floats());
    assertArrayEquals(new float[] {1, 5, 9}, f.get("column1").orElseThrow().floats());
    assertArrayEquals(new float[] {1, 3, 9, 11}, f.get("every_other").orElseThrow().floats());
    assertArrayEquals(new float[] {11}, f.get("scalar").orElseThrow().floats());
    assertArrayEquals(new int[] {}, f.get("scalar").orElseThrow().shape());
    assertArrayEquals(new int[] {0, 5}, f.get("empty").orElseThrow().shape());
    assertEquals(DType.FLOAT64, f.get("f64").orElseThrow().dtype());
    assertArrayEquals(new float[] {0.1f, -2.5f}, f.get("f64").orElseThrow().floats());
    assertArrayEquals(new long[] {1L << 40, -7}, f.get("i64").orElseThrow().longs());
    assertArrayEquals(new float[] {1.5f, -2f}, f.get("f16").orElseThrow().floats());
    assertArrayEquals(new long[] {1, 0, 1}, f.get("mask").orElseThrow().longs());
    assertEquals("views/data/0 from element 1, strides [4]", f.get("column1").orElseThrow().origin());
  }

  /** A file whose {@code byteorder} record says big: the storages' bytes are reversed per element. */
  @Test
  void readsBigEndianStorages(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    byte[] floats = new byte[12];
    java.nio.ByteBuffer.wrap(floats).order(java.nio.ByteOrder.BIG_ENDIAN).asFloatBuffer().put(new float[] {1.25f, -3, 1e-3f});
    Map<String, byte[]> records = new LinkedHashMap<>();
    records.put("data.pkl", TorchFiles.stateDict(List.of(
        new TorchFiles.Tensor("w", "FloatStorage", "0", 3, 0, new long[] {3}, new long[] {1}),
        new TorchFiles.Tensor("tail", "FloatStorage", "0", 3, 1, new long[] {2}, new long[] {1}))));
    records.put("byteorder", "big".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    records.put("data/0", floats);
    Path file = tmp.resolve("big.pt");
    TorchFiles.zip(file, "big/", records);
    WeightFile f = TorchStateDict.read(file);
    assertArrayEquals(new float[] {1.25f, -3, 1e-3f}, f.get("w").orElseThrow().floats());
    assertArrayEquals(new float[] {-3, 1e-3f}, f.get("tail").orElseThrow().floats());
    assertTrue(f.notes().stream().anyMatch(n -> n.contains("big-endian")), f.notes().toString());
  }
}
