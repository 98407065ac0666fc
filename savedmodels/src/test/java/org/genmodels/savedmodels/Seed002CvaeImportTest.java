package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.genmodels.cvae.Cvae;
import org.genmodels.cvae.CvaeSettings;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.train.ModelConfig;
import org.genmodels.shared.weights.PaddleStateDict;
import org.genmodels.shared.weights.WeightFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;

/**
 * Seed 002's Paddle CVAE imported into the Java {@code cvae} model, against the framework's own
 * outputs for those weights ({@code fixtures/pytorch/seed002_cvae_paddle}), through the model's
 * fast paths; each NCHW order done wrong fails it; the unconditional network; bad and swapped
 * files; the import saved as a checkpoint opens in the embedding API.
 */
class Seed002CvaeImportTest {
  @TempDir
  Path tmp;

  private static Path dir() {
    return ImportFixtures.dir("seed002_cvae_paddle");
  }

  private static WeightFile encoder() {
    return PaddleStateDict.read(dir().resolve("A_encoder_True.pdparams"));
  }

  private static WeightFile decoder() {
    return PaddleStateDict.read(dir().resolve("A_decoder_True.pdparams"));
  }

  private static ImportedModel imported() {
    return Seed002CvaeImport.of(encoder(), "enc", decoder(), "dec");
  }

  @Test
  void matchesPaddleOnEveryGoldenArray() {
    List<ParityLine> lines = Seed002CvaeParity.check(dir());
    ImportFixtures.print("seed002_cvae_paddle, Java CVAE vs the framework:", lines);
    assertEquals(List.of("mean", "logvar", "decoder_of_mean", "decoder_of_noise"),
        lines.stream().map(l -> l.what().split(" ")[0]).toList());
    for (ParityLine l : lines) {
      assertTrue(l.passes(), l.what() + ": " + l.maxAbsDiff() + " > " + l.tolerance());
      assertEquals(1e-4, l.tolerance());
    }
  }

  @Test
  void readsConditionLatentAndChannelsFromTheShapes() {
    CvaeSettings s = CvaeSettings.builder().conditional(false).build().withConfig(imported().config());
    assertTrue(s.conditional());
    assertEquals(2, s.latentSize());
    assertEquals(32, s.channels());
    assertEquals(0.01f, s.slope());
    // the graph the parity runs takes the fast paths: the label channel's conv from the ten class
    // maps (a MatMul with the one-hot), the one-channel output conv as a MatMul to its taps
    Set<String> matMuls = new TreeSet<>();
    try (Cvae cvae = Cvae.create(s)) {
      ((Graph) cvae.graph().ops().scope().env()).operations().forEachRemaining(op -> {
        if (((GraphOperation) op).type().equals("MatMul") && !op.name().startsWith("gradients")) {
          matMuls.add(op.name().replaceAll("^(\\w+/[a-z0-9_]+?)(_\\d+)?/.*", "$1"));
        }
      });
    }
    assertTrue(matMuls.contains("encoder/conv1"), matMuls.toString());
    assertTrue(matMuls.contains("decoder/conv_out"), matMuls.toString());
  }

  @Test
  void everyNchwOrderDoneWrongFailsTheParity() {
    ImportedModel right = imported();
    float[] mean = encoder().get("conv_mean.weight").orElseThrow().floats();
    float[] fc = decoder().get("conv1.weight").orElseThrow().floats();
    float[] up = decoder().get("conv2.weight").orElseThrow().floats();
    float[] labelMap = right.values().get("encoder/label_map/kernel");

    List<ParityLine> flatten = Seed002CvaeParity.compare(ImportFixtures.replaced(right, "encoder/z_mean/kernel",
        TorchLayouts.linear(mean, 2, 3136)), dir());
    ImportFixtures.print("conv_mean's input in NCHW order:", flatten);
    assertFalse(line(flatten, "mean").passes());
    assertTrue(line(flatten, "decoder_of_mean").passes());

    List<ParityLine> reshape = Seed002CvaeParity.compare(ImportFixtures.replaced(right, "decoder/fc/kernel",
        TorchLayouts.linear(fc, 1568, 12)), dir());
    assertFalse(line(reshape, "decoder_of_mean").passes());
    assertTrue(line(reshape, "mean").passes());

    // the transposed conv's [in, out, kh, kw] as [kh, kw, in, out], and as the right layout flipped in space
    float[] inOut = new float[up.length];
    float[] flipped = new float[up.length];
    float[] right1 = right.values().get("decoder/deconv1/kernel");
    for (int i = 0; i < 32; i++) {
      for (int o = 0; o < 64; o++) {
        for (int p = 0; p < 16; p++) {
          inOut[(p * 32 + i) * 64 + o] = up[(i * 64 + o) * 16 + p];
          flipped[((15 - p) * 64 + o) * 32 + i] = right1[(p * 64 + o) * 32 + i];
        }
      }
    }
    List<ParityLine> swappedAxes = Seed002CvaeParity.compare(ImportFixtures.replaced(right, "decoder/deconv1/kernel",
        inOut), dir());
    ImportFixtures.print("decoder conv2 (ConvTranspose) as [kh, kw, in, out]:", swappedAxes);
    assertFalse(line(swappedAxes, "decoder_of_noise").passes());
    List<ParityLine> flip = Seed002CvaeParity.compare(ImportFixtures.replaced(right, "decoder/deconv1/kernel",
        flipped), dir());
    assertFalse(line(flip, "decoder_of_noise").passes());

    // the label's 28 × 28 map read column by column
    float[] columns = new float[labelMap.length];
    for (int k = 0; k < 10; k++) {
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          columns[k * 784 + x * 28 + y] = labelMap[k * 784 + y * 28 + x];
        }
      }
    }
    List<ParityLine> pixels = Seed002CvaeParity.compare(ImportFixtures.replaced(right, "encoder/label_map/kernel",
        columns), dir());
    assertFalse(line(pixels, "mean").passes());
  }

  /**
   * The unconditional network (no conv_label, one image channel, z alone into the decoder) gives
   * what the conditional one gives when the label's weights are zero.
   */
  @Test
  void theUnconditionalNetworkIsTheConditionalOneWithoutTheLabel() {
    WeightFile enc = encoder();
    WeightFile dec = decoder();
    float[] conv1 = enc.get("conv1.weight").orElseThrow().floats();
    float[] imageOnly = new float[32 * 16];
    for (int o = 0; o < 32; o++) {
      System.arraycopy(conv1, (o * 2) * 16, imageOnly, o * 16, 16);
    }
    float[] fc = dec.get("conv1.weight").orElseThrow().floats();
    float[] zOnly = new float[1568 * 2];
    float[] labelZeroed = fc.clone();
    for (int o = 0; o < 1568; o++) {
      System.arraycopy(fc, o * 12, zOnly, o * 2, 2);
      Arrays.fill(labelZeroed, o * 12 + 2, o * 12 + 12, 0f);
    }
    WeightFile uncondEnc = ImportFixtures.with(ImportFixtures.without(ImportFixtures.without(enc,
        "conv_label.weight"), "conv_label.bias"), ImportFixtures.array("conv1.weight", imageOnly, 32, 1, 4, 4));
    WeightFile uncondDec = ImportFixtures.with(dec, ImportFixtures.array("conv1.weight", zOnly, 1568, 2, 1, 1));
    WeightFile condEnc = ImportFixtures.with(ImportFixtures.with(enc,
        ImportFixtures.array("conv_label.weight", new float[7840], 784, 10, 1, 1)),
        ImportFixtures.array("conv_label.bias", new float[784], 784));
    WeightFile condDec = ImportFixtures.with(dec, ImportFixtures.array("conv1.weight", labelZeroed, 1568, 12, 1, 1));

    ImportedModel unconditional = Seed002CvaeImport.of(uncondEnc, "enc", uncondDec, "dec");
    ImportedModel conditional = Seed002CvaeImport.of(condEnc, "enc", condDec, "dec");
    GoldenArrays golden = new GoldenArrays(dir());
    float[] x = golden.floats("x", 8, 1, 28, 28);
    int[] labels = golden.ints("labels", 8);
    float[] noise = golden.floats("noise", 8, 2, 1, 1);
    float[][] u = run(unconditional, x, null, noise);
    float[][] c = run(conditional, x, labels, noise);
    for (int i = 0; i < u.length; i++) {
      double diff = ParityCommand.maxAbsError(u[i], c[i]);
      assertTrue(diff <= 1e-5, "output " + i + " differs by " + diff);
    }
    assertFalse(CvaeSettings.defaults().withConfig(unconditional.config()).conditional());
  }

  private static float[][] run(ImportedModel m, float[] x, int[] labels, float[] z) {
    try (Cvae cvae = Cvae.create(CvaeSettings.defaults().withConfig(m.config()))) {
      m.assignTo(cvae.session(), cvae.model().params());
      Cvae.Encoding code = cvae.encode(x, labels, 8);
      return new float[][] {code.mean(), code.logVar(), cvae.decode(z, labels, 8)};
    }
  }

  @Test
  void refusesSwappedFilesAndMissingUnexpectedOrMisshapenKeys() {
    WeightFile enc = encoder();
    WeightFile dec = decoder();
    UserException swapped = assertThrows(UserException.class,
        () -> Seed002CvaeImport.of(dec, "A_decoder_True.pdparams", enc, "A_encoder_True.pdparams"));
    assertEquals("A_decoder_True.pdparams, given as the encoder, is seed 002's decoder (conv4.weight, no"
        + " conv_mean.weight): give the encoder's file (A_encoder_*.pdparams) first and the decoder's"
        + " (A_decoder_*.pdparams) second", swapped.getMessage());
    UserException twoEncoders = assertThrows(UserException.class, () -> Seed002CvaeImport.of(enc, "e", enc, "e2"));
    assertTrue(twoEncoders.getMessage().startsWith("e2, given as the decoder, is seed 002's encoder"),
        twoEncoders.getMessage());

    UserException missing = assertThrows(UserException.class,
        () -> Seed002CvaeImport.of(ImportFixtures.without(enc, "conv_label.bias"), "enc", dec, "dec"));
    assertTrue(missing.getMessage().startsWith("enc does not hold seed 002's conditional CVAE encoder (latent 2,"
        + " channels 32): no conv_label.bias (expected [784])"), missing.getMessage());

    UserException unexpected = assertThrows(UserException.class, () -> Seed002CvaeImport.of(enc, "enc",
        ImportFixtures.with(dec, ImportFixtures.array("conv5.weight", new float[4], 1, 4)), "dec"));
    assertTrue(unexpected.getMessage().startsWith("dec does not hold seed 002's conditional CVAE decoder (latent 2,"
        + " channels 32, as its encoder enc): unexpected conv5.weight float32 [1, 4]"), unexpected.getMessage());

    // a decoder of a 3-d latent behind an encoder of a 2-d one
    UserException latent = assertThrows(UserException.class, () -> Seed002CvaeImport.of(enc, "enc",
        ImportFixtures.with(dec, ImportFixtures.array("conv1.weight", new float[1568 * 13], 1568, 13, 1, 1)), "dec"));
    assertTrue(latent.getMessage().contains("conv1.weight is float32 [1568, 13, 1, 1], expected float32"
        + " [1568, 12, 1, 1]"), latent.getMessage());

    UserException channels = assertThrows(UserException.class, () -> Seed002CvaeImport.of(ImportFixtures.with(enc,
        ImportFixtures.array("conv2.weight", new float[64 * 32 * 9], 64, 32, 3, 3)), "enc", dec, "dec"));
    assertTrue(channels.getMessage().contains("conv2.weight is float32 [64, 32, 3, 3], expected float32"
        + " [64, 32, 4, 4]"), channels.getMessage());
  }

  @Test
  void itsCheckpointOpensInTheEmbeddingApiAndEncodesAsPaddle() throws Exception {
    Path checkpoint = tmp.resolve("imported");
    imported().saveCheckpoint(checkpoint);
    ModelConfig stored = ModelConfig.read(checkpoint).orElseThrow();
    assertEquals("cvae", stored.model());
    assertTrue(stored.getBoolean("conditional"));
    assertEquals(2, stored.getInt("latent"));
    assertEquals(32, stored.getInt("channels"));
    assertEquals(0.01f, stored.getFloat("slope"));
    GoldenArrays golden = new GoldenArrays(dir());
    float[] x = golden.floats("x", 8, 1, 28, 28);
    int[] labels = golden.ints("labels", 8);
    float[] mean = golden.floats("mean", 8, 2, 1, 1);
    try (EmbeddedCvae api = EmbeddedCvae.load(checkpoint)) {
      assertTrue(api.isConditional());
      assertEquals(2, api.latentSize());
      double diff = ParityCommand.maxAbsError(ImportFixtures.flat(api.encode(ImportFixtures.rows(x, 784), labels).mean()),
          mean);
      double images = ParityCommand.maxAbsError(ImportFixtures.flat(api.decode(ImportFixtures.rows(mean, 2), labels)),
          golden.floats("decoder_of_mean", 8, 1, 28, 28));
      System.out.printf("seed002_cvae_paddle through a checkpoint and EmbeddedCvae: mean %.3g, decoder_of_mean %.3g%n",
          diff, images);
      assertTrue(diff <= 1e-4, "mean differs by " + diff);
      assertTrue(images <= 1e-4, "decoder_of_mean differs by " + images);
    }
  }

  private static ParityLine line(List<ParityLine> lines, String name) {
    return lines.stream().filter(l -> l.what().startsWith(name + " ")).findFirst().orElseThrow();
  }
}
