package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.train.ModelConfig;
import org.genmodels.shared.weights.PaddleStateDict;
import org.genmodels.shared.weights.TorchStateDict;
import org.genmodels.shared.weights.WeightFile;
import org.genmodels.vae.Vae;
import org.genmodels.vae.VaeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004's PyTorch VAE imported into the Java VAE, against PyTorch's own outputs for those
 * weights ({@code fixtures/pytorch/seed004_vae}), with the seed's loss terms of the golden batch;
 * a wrong layout fails it; bad files are refused by key, shape and model; the import saved as a
 * checkpoint opens in the embedding API.
 */
class Seed004VaeImportTest {
  @TempDir
  Path tmp;

  private static Path dir() {
    return ImportFixtures.dir("seed004_vae");
  }

  private static Path file() {
    return dir().resolve("best_model_mnist");
  }

  @Test
  void matchesPyTorchOnEveryGoldenArrayAndTheSeedsLossTerms() {
    List<ParityLine> lines = Seed004VaeParity.check(dir());
    ImportFixtures.print("seed004_vae, Java VAE vs PyTorch 1.13:", lines);
    assertEquals(List.of("mu", "logvar", "recon_x", "BCE", "KL", "decoder_of_mu", "decoder_of_z"),
        lines.stream().map(l -> l.what().split(" ")[0]).toList());
    for (ParityLine l : lines) {
      assertTrue(l.passes(), l.what() + ": " + l.maxAbsDiff() + " > " + l.tolerance());
    }
    assertEquals(1e-5, lines.get(0).tolerance());
    // summary.json: BCE 1119.3353, KL 43.9150, to 1e-3 of each
    assertEquals(1.1193353, lines.get(3).tolerance(), 1e-6);
    assertEquals(0.043915, lines.get(4).tolerance(), 1e-6);
  }

  @Test
  void readsTheSizesFromTheShapesAndTheSeed004Settings() {
    ImportedModel m = Seed004VaeImport.read(file());
    VaeSettings s = VaeSettings.defaults().withConfig(m.config());
    assertEquals(256, s.hiddenSize());
    assertEquals(2, s.latentSize());
    assertEquals("bce", m.config().get("reconstruction"));
    assertEquals("sum", m.config().get("reduction"));
    assertEquals("mnist", m.config().get("dataset"));
    WeightFile torch = TorchStateDict.read(file());
    float[] head = torch.get("encoder.2.bias").orElseThrow().floats();
    assertArrayEquals(Arrays.copyOfRange(head, 0, 2), m.values().get("encoder/z_mean/bias"));
    assertArrayEquals(Arrays.copyOfRange(head, 2, 4), m.values().get("encoder/z_log_var/bias"));
  }

  /** Other sizes: hidden 5, latent 3, against the seed's forward pass written out in plain Java. */
  @Test
  void otherSizesComputeTheSeedsEncoderAndDecoder() {
    int h = 5;
    int l = 3;
    Random random = new Random(4);
    float[][] w = {normal(random, h * 784), normal(random, h), normal(random, 2 * l * h), normal(random, 2 * l),
        normal(random, h * l), normal(random, h), normal(random, 784 * h), normal(random, 784)};
    WeightFile file = new WeightFile(TorchStateDict.FORMAT, List.of(
        ImportFixtures.array("encoder.0.weight", w[0], h, 784), ImportFixtures.array("encoder.0.bias", w[1], h),
        ImportFixtures.array("encoder.2.weight", w[2], 2 * l, h), ImportFixtures.array("encoder.2.bias", w[3], 2 * l),
        ImportFixtures.array("decoder.0.weight", w[4], h, l), ImportFixtures.array("decoder.0.bias", w[5], h),
        ImportFixtures.array("decoder.2.weight", w[6], 784, h), ImportFixtures.array("decoder.2.bias", w[7], 784)),
        List.of());
    ImportedModel m = Seed004VaeImport.of(file, "small");
    float[] x = new float[2 * 784];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextFloat();
    }
    try (Vae vae = Vae.create(VaeSettings.defaults().withConfig(m.config()))) {
      assertEquals(h, vae.settings().hiddenSize());
      assertEquals(l, vae.settings().latentSize());
      m.assignTo(vae.session(), vae.model().params());
      Vae.Encoding code = vae.encode(x, 2);
      float[] decoded = vae.decode(code.logVar(), 2);
      for (int b = 0; b < 2; b++) {
        float[] hidden = relu(linear(w[0], w[1], Arrays.copyOfRange(x, b * 784, (b + 1) * 784)));
        float[] out = linear(w[2], w[3], hidden);
        float[] image = linear(w[6], w[7], relu(linear(w[4], w[5], Arrays.copyOfRange(out, l, 2 * l))));
        for (int j = 0; j < l; j++) {
          assertEquals(out[j], code.mean()[b * l + j], 1e-4);
          assertEquals(out[l + j], code.logVar()[b * l + j], 1e-4);
        }
        for (int p = 0; p < 784; p++) {
          // the decoder of the logvar rows (any latent does): Java's logvar equals the plain one to rounding
          assertEquals(1 / (1 + Math.exp(-image[p])), decoded[b * 784 + p], 1e-4);
        }
      }
    }
  }

  @Test
  void aWrongLayoutFailsTheParity() {
    ImportedModel right = Seed004VaeImport.read(file());
    WeightFile torch = TorchStateDict.read(file());
    // decoder.2.weight [784, 256] taken as the kernel [256, 784] without transposing
    List<ParityLine> untransposed = Seed004VaeParity.compare(ImportFixtures.replaced(right, "decoder/fc5/kernel",
        torch.get("decoder.2.weight").orElseThrow().floats()), dir());
    ImportFixtures.print("decoder.2.weight not transposed:", untransposed);
    assertFalse(line(untransposed, "decoder_of_mu").passes());
    assertTrue(line(untransposed, "mu").passes());
    // the chunk taken the other way round: logvar's rows as mu's
    List<ParityLine> swapped = Seed004VaeParity.compare(ImportFixtures.replaced(right, "encoder/z_mean/bias",
        right.values().get("encoder/z_log_var/bias")), dir());
    assertFalse(line(swapped, "mu").passes());
    assertTrue(line(swapped, "logvar").passes());
  }

  @Test
  void refusesAMissingAnUnexpectedAndAMisshapenKeyByNameShapeAndModel() {
    WeightFile torch = TorchStateDict.read(file());
    UserException missing = assertThrows(UserException.class,
        () -> Seed004VaeImport.of(ImportFixtures.without(torch, "decoder.2.bias"), "f.pt"));
    assertTrue(missing.getMessage().startsWith("f.pt does not hold seed 004's VAE"), missing.getMessage());
    assertTrue(missing.getMessage().contains("no decoder.2.bias (expected [784])"), missing.getMessage());

    UserException unexpected = assertThrows(UserException.class, () -> Seed004VaeImport.of(
        ImportFixtures.with(torch, ImportFixtures.array("encoder.4.weight", new float[6], 2, 3)), "f.pt"));
    assertTrue(unexpected.getMessage().contains("unexpected encoder.4.weight float32 [2, 3]"), unexpected.getMessage());

    UserException shape = assertThrows(UserException.class, () -> Seed004VaeImport.of(
        ImportFixtures.with(torch, ImportFixtures.array("decoder.0.weight", new float[768], 256, 3)), "f.pt"));
    assertTrue(shape.getMessage().contains("decoder.0.weight is float32 [256, 3], expected float32 [256, 2]"),
        shape.getMessage());
    assertTrue(shape.getMessage().contains("seed 004's VAE"), shape.getMessage());

    UserException odd = assertThrows(UserException.class, () -> Seed004VaeImport.of(
        ImportFixtures.with(torch, ImportFixtures.array("encoder.2.weight", new float[768], 3, 256)), "f.pt"));
    assertTrue(odd.getMessage().contains("encoder.2.weight has 3 rows, expected an even number"), odd.getMessage());

    Path paddle = ImportFixtures.dir("seed002_cvae_paddle").resolve("A_encoder_True.pdparams");
    UserException other = assertThrows(UserException.class,
        () -> Seed004VaeImport.of(PaddleStateDict.read(paddle), "A_encoder_True.pdparams"));
    assertTrue(other.getMessage().startsWith("A_encoder_True.pdparams has no encoder.0.weight (expected [hidden, 784]):"
        + " it is not seed 004's VAE"), other.getMessage());
  }

  @Test
  void itsCheckpointOpensInTheEmbeddingApiAndEncodesAsPyTorch() throws Exception {
    ImportedModel m = Seed004VaeImport.read(file());
    Path checkpoint = tmp.resolve("imported");
    m.saveCheckpoint(checkpoint);
    ModelConfig stored = ModelConfig.read(checkpoint).orElseThrow();
    assertEquals("vae", stored.model());
    assertEquals(256, stored.getInt("hidden"));
    assertEquals(2, stored.getInt("latent"));
    assertEquals("bce", stored.get("reconstruction"));
    GoldenArrays golden = new GoldenArrays(dir());
    float[] x = golden.floats("x", 8, 1, 28, 28);
    float[] mu = golden.floats("mu", 8, 2);
    try (EmbeddedVae api = EmbeddedVae.load(checkpoint)) {
      assertEquals(2, api.latentSize());
      EmbeddedVae.Encoding code = api.encode(ImportFixtures.rows(x, 784));
      double diff = ParityCommand.maxAbsError(ImportFixtures.flat(code.mean()), mu);
      double images = ParityCommand.maxAbsError(ImportFixtures.flat(api.decode(ImportFixtures.rows(mu, 2))),
          golden.floats("decoder_of_mu", 8, 1, 28, 28));
      System.out.printf("seed004_vae through a checkpoint and EmbeddedVae: mu %.3g, decoder_of_mu %.3g%n", diff, images);
      assertTrue(diff <= 1e-5, "mu differs by " + diff);
      assertTrue(images <= 1e-5, "decoder_of_mu differs by " + images);
    }
  }

  private static ParityLine line(List<ParityLine> lines, String name) {
    return lines.stream().filter(l -> l.what().startsWith(name + " ")).findFirst().orElseThrow();
  }

  private static float[] normal(Random random, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (0.1 * random.nextGaussian());
    }
    return a;
  }

  /** PyTorch's Linear: weight [out, in], {@code y = W x + b}. */
  private static float[] linear(float[] weight, float[] bias, float[] x) {
    float[] y = new float[bias.length];
    for (int o = 0; o < y.length; o++) {
      double s = bias[o];
      for (int i = 0; i < x.length; i++) {
        s += (double) weight[o * x.length + i] * x[i];
      }
      y[o] = (float) s;
    }
    return y;
  }

  private static float[] relu(float[] a) {
    float[] r = a.clone();
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.max(0, r[i]);
    }
    return r;
  }
}
