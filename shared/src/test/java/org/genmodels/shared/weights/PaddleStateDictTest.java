package org.genmodels.shared.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.weights.WeightArray.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader on seed 002's encoder and decoder in Paddle's format, values proven by recomputing the
 * encoder's golden {@code mean} and {@code logvar} in plain Java, on a numpy protocol-2 pickle of
 * every dtype, and on bad files.
 */
class PaddleStateDictTest {
  @TempDir
  Path tmp;

  private static Path dir() {
    return TorchStateDictTest.fixtures().resolve("seed002_cvae_paddle");
  }

  @Test
  void readsEveryKeyOfTheEncoderAndDecoder() {
    WeightFile encoder = PaddleStateDict.read(dir().resolve("A_encoder_True.pdparams"));
    Map<String, List<Integer>> expected = new LinkedHashMap<>();
    expected.put("conv_label.weight", List.of(784, 10, 1, 1));
    expected.put("conv_label.bias", List.of(784));
    expected.put("conv1.weight", List.of(32, 2, 4, 4));
    expected.put("conv1.bias", List.of(32));
    expected.put("conv2.weight", List.of(64, 32, 4, 4));
    expected.put("conv2.bias", List.of(64));
    expected.put("conv_mean.weight", List.of(2, 3136, 1, 1));
    expected.put("conv_mean.bias", List.of(2));
    expected.put("conv_logvar.weight", List.of(2, 3136, 1, 1));
    expected.put("conv_logvar.bias", List.of(2));
    assertEquals(expected, shapes(encoder));
    assertEquals(List.of(PaddleStateDict.NAME_TABLE + ": Paddle's own names of 10 parameters, not used"), encoder.notes());

    WeightFile decoder = PaddleStateDict.read(dir().resolve("A_decoder_True.pdparams"));
    expected.clear();
    expected.put("conv1.weight", List.of(1568, 12, 1, 1));
    expected.put("conv1.bias", List.of(1568));
    expected.put("conv2.weight", List.of(32, 64, 4, 4));
    expected.put("conv2.bias", List.of(64));
    expected.put("conv3.weight", List.of(64, 32, 4, 4));
    expected.put("conv3.bias", List.of(32));
    expected.put("conv4.weight", List.of(1, 32, 3, 3));
    expected.put("conv4.bias", List.of(1));
    assertEquals(expected, shapes(decoder));
    assertTrue(decoder.arrays().stream().allMatch(a -> a.dtype() == DType.FLOAT32));
    // float64 sums numpy computed from pickle.load of the same file
    assertEquals(61.2606104743536, TorchStateDictTest.sum(decoder, "conv1.weight"), 1e-9);
    assertEquals(204.01520132455335, TorchStateDictTest.sum(decoder, "conv3.weight"), 1e-9);
    assertEquals(-0.0022616474889218807, TorchStateDictTest.sum(decoder, "conv4.bias"), 1e-12);
  }

  private static Map<String, List<Integer>> shapes(WeightFile f) {
    Map<String, List<Integer>> out = new LinkedHashMap<>();
    for (WeightArray a : f.arrays()) {
      out.put(a.name(), Arrays.stream(a.shape()).boxed().toList());
    }
    return out;
  }

  /**
   * Seed 002's conditional encoder in plain Java, NCHW as Paddle: the label map {@code conv_label}
   * (a 1×1 conv of the one-hot labels, reshaped to 28×28) beside the image, two 4/2/1 convs with
   * LeakyReLU(0.01), the flatten in (c, h, w) order and the two 1×1 convs over 3136 channels.
   */
  @Test
  void recomputesTheEncodersGoldenMeanAndLogvar() throws IOException {
    WeightFile f = PaddleStateDict.read(dir().resolve("A_encoder_True.pdparams"));
    Path golden = dir().resolve("golden");
    float[] x = TorchStateDictTest.golden(golden.resolve("x.npy"));
    float[] onehot = TorchStateDictTest.golden(golden.resolve("onehot.npy"));
    float[] mean = TorchStateDictTest.golden(golden.resolve("mean.npy"));
    float[] logvar = TorchStateDictTest.golden(golden.resolve("logvar.npy"));
    double worst = 0;
    for (int n = 0; n < 8; n++) {
      float[] in = new float[2 * 784];
      System.arraycopy(x, n * 784, in, 0, 784);
      float[] label = conv(f, "conv_label", Arrays.copyOfRange(onehot, n * 10, n * 10 + 10), 10, 1, 1, 0);
      System.arraycopy(label, 0, in, 784, 784);
      float[] h = leaky(conv(f, "conv1", in, 2, 28, 2, 1));
      h = leaky(conv(f, "conv2", h, 32, 14, 2, 1));
      float[] m = conv(f, "conv_mean", h, 3136, 1, 1, 0);
      float[] v = conv(f, "conv_logvar", h, 3136, 1, 1, 0);
      for (int j = 0; j < 2; j++) {
        worst = Math.max(worst, Math.max(Math.abs(m[j] - mean[n * 2 + j]), Math.abs(v[j] - logvar[n * 2 + j])));
      }
    }
    System.out.printf("seed002_cvae_paddle: max |Java - golden| over mean, logvar = %.3g%n", worst);
    assertTrue(worst <= 1e-4, "max abs difference " + worst);
  }

  /** A square NCHW conv with weights [out, in, k, k], zero padding; {@code in} is [channels, size, size]. */
  private static float[] conv(WeightFile f, String layer, float[] in, int channels, int size, int stride, int pad) {
    WeightArray w = f.get(layer + ".weight").orElseThrow();
    int[] s = w.shape();
    assertEquals(channels, s[1]);
    float[] weights = w.floats();
    float[] bias = f.get(layer + ".bias").orElseThrow().floats();
    int k = s[2];
    int outSize = (size + 2 * pad - k) / stride + 1;
    float[] out = new float[s[0] * outSize * outSize];
    for (int o = 0; o < s[0]; o++) {
      for (int y = 0; y < outSize; y++) {
        for (int x = 0; x < outSize; x++) {
          double sum = bias[o];
          for (int c = 0; c < channels; c++) {
            for (int i = 0; i < k; i++) {
              for (int j = 0; j < k; j++) {
                int yy = y * stride - pad + i;
                int xx = x * stride - pad + j;
                if (yy >= 0 && yy < size && xx >= 0 && xx < size) {
                  sum += (double) weights[((o * channels + c) * k + i) * k + j] * in[(c * size + yy) * size + xx];
                }
              }
            }
          }
          out[(o * outSize + y) * outSize + x] = (float) sum;
        }
      }
    }
    return out;
  }

  private static float[] leaky(float[] v) {
    float[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = out[i] > 0 ? out[i] : 0.01f * out[i];
    }
    return out;
  }

  /**
   * {@code p2_mixed.pdparams}: what numpy 2.4 and Python 3.11 write for
   * {@code pickle.dumps(d, protocol=2)} of {@code d = {'f': np.asfortranarray(np.arange(6,
   * dtype=np.float32).reshape(2, 3)), 'b': np.arange(4, dtype='>i8'), 'h': np.array([1.5, -2.0],
   * dtype=np.float16), 'u': np.array([0, 255], dtype=np.uint8), 'flag': np.array([True, False,
   * True]), 'StructuredToParameterName@@': {'f': 'linear_0.w_0'}}}: {@code numpy._core}, bytes as
   * {@code _codecs.encode}, a Fortran-ordered and a big-endian array.
   */
  @Test
  void readsProtocol2FortranBigEndianAndEveryDtype() throws IOException {
    Path file = tmp.resolve("p2_mixed.pdparams");
    try (InputStream in = PaddleStateDictTest.class.getResourceAsStream("p2_mixed.pdparams")) {
      Files.copy(in, file);
    }
    WeightFile f = PaddleStateDict.read(file);
    assertEquals(List.of("f", "b", "h", "u", "flag"), f.arrays().stream().map(WeightArray::name).toList());
    assertArrayEquals(new int[] {2, 3}, f.get("f").orElseThrow().shape());
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, f.get("f").orElseThrow().floats());
    assertEquals(DType.INT64, f.get("b").orElseThrow().dtype());
    assertArrayEquals(new long[] {0, 1, 2, 3}, f.get("b").orElseThrow().longs());
    assertArrayEquals(new float[] {1.5f, -2f}, f.get("h").orElseThrow().floats());
    assertArrayEquals(new long[] {0, 255}, f.get("u").orElseThrow().longs());
    assertEquals(DType.BOOL, f.get("flag").orElseThrow().dtype());
    assertArrayEquals(new long[] {1, 0, 1}, f.get("flag").orElseThrow().longs());
    assertEquals("numpy >i8", f.get("b").orElseThrow().origin());
  }

  private String refusal(Path file) throws IOException {
    byte[] before = Files.exists(file) ? Files.readAllBytes(file) : null;
    long filesBefore;
    try (var s = Files.list(tmp)) {
      filesBefore = s.count();
    }
    WeightFileException e = assertThrows(WeightFileException.class, () -> PaddleStateDict.read(file));
    if (before != null) {
      assertArrayEquals(before, Files.readAllBytes(file));
    }
    try (var s = Files.list(tmp)) {
      assertEquals(filesBefore, s.count());
    }
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    return e.getMessage();
  }

  @Test
  void aValueThatIsNotAnArrayIsNamed() throws IOException {
    // the fixture with its name table's key renamed: that dict is then an ordinary value
    byte[] bytes = Files.readAllBytes(dir().resolve("A_encoder_True.pdparams"));
    String text = new String(bytes, StandardCharsets.ISO_8859_1).replace(PaddleStateDict.NAME_TABLE,
        "StructuredToParameterNameXX");
    Path renamed = tmp.resolve("renamed.pdparams");
    Files.write(renamed, text.getBytes(StandardCharsets.ISO_8859_1));
    String m = refusal(renamed);
    assertTrue(m.contains("the value of 'StructuredToParameterNameXX' is a dict, not a numpy array")
        && m.contains("paddle.save(layer.state_dict()"), m);

    Path epoch = tmp.resolve("epoch.pdparams");
    Files.write(epoch, new PickleBytes().proto(4).emptyDict().str("epoch").integer(3).op('s').stop().bytes());
    assertTrue(refusal(epoch).contains("the value of 'epoch' is an int, not a numpy array"));
  }

  @Test
  void globalsOutsideTheAllowedSetAndDamageAreNamed() throws IOException {
    Path system = tmp.resolve("system.pdparams");
    Files.write(system, new PickleBytes().proto(4).global("posix", "system").str("id").op(0x85).reduce().stop().bytes());
    String m = refusal(system);
    assertTrue(m.contains("names the Python global posix.system, which is not allowed") && m.contains("may run code"), m);

    byte[] whole = Files.readAllBytes(dir().resolve("A_encoder_True.pdparams"));
    Path truncated = tmp.resolve("truncated.pdparams");
    Files.write(truncated, Arrays.copyOf(whole, whole.length - 1000));
    m = refusal(truncated);
    assertTrue(m.contains("is not a readable Paddle state dict: it ends early"), m);

    Path torch = tmp.resolve("model.pt");
    Files.copy(TorchStateDictTest.fixtures().resolve("seed004_vae").resolve("best_model_mnist"), torch);
    m = refusal(torch);
    assertTrue(m.contains("not a Paddle .pdparams file") && m.contains("it is a zip archive"), m);
  }
}
