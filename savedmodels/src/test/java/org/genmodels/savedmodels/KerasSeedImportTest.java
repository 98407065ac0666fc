package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.genmodels.ae.Autoencoder;
import org.genmodels.ae.AutoencoderSettings;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.train.ModelConfig;
import org.genmodels.shared.weights.WeightFile;
import org.genmodels.vae.Vae;
import org.genmodels.vae.VaeSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000's Keras AE and VAE imported from {@code save_weights} files ({@code keras_seed/}, laid
 * out as tf.keras 2, Keras 2.2 and Keras 3 write them, random weights) into the Java
 * {@link Autoencoder} and {@link Vae}: their outputs on MNIST test images equal a plain-Java double
 * forward pass over the same arrays, looked up by their Keras names, within 1e-5; and files that
 * do not fit are refused, naming the layer and the shapes.
 */
class KerasSeedImportTest {
  private static final int N = 8;
  private static final double TOLERANCE = 1e-5;
  private static float[] x;
  private static double[][] xRows;

  @BeforeAll
  static void images() {
    x = TestData.mnist().test().firstPixels(N, PixelRange.UNIT);
    xRows = DenseReference.rows(x, N);
  }

  @Test
  void aeOfATfKeras2FileComputesWhatKerasWould() {
    ImportedModel imported = KerasSeedImport.fromFile(KerasSeedFiles.path("ae_tf2.h5"), "ae");
    assertEquals("16,8", imported.config().get("hidden"));
    assertEquals(4, imported.config().getInt("code_size"));
    checkAe(imported, KerasSeedFiles.read("ae_tf2.h5"), List.of("sequential/dense", "sequential/dense_1",
        "sequential/dense_2"), List.of("sequential_1/dense_3", "sequential_1/dense_4", "sequential_1/dense_5"));
  }

  @Test
  void aeOfAKeras22FileWithOneHiddenLayer() {
    ImportedModel imported = KerasSeedImport.fromFile(KerasSeedFiles.path("ae_keras2_one_hidden.h5"), "ae");
    assertEquals("8", imported.config().get("hidden"));
    assertEquals(3, imported.config().getInt("code_size"));
    checkAe(imported, KerasSeedFiles.read("ae_keras2_one_hidden.h5"), List.of("sequential_1/dense_1",
        "sequential_1/dense_2"), List.of("sequential_2/dense_3", "sequential_2/dense_4"));
  }

  @Test
  void vaeOfATfKeras2FileComputesWhatKerasWould() {
    ImportedModel imported = KerasSeedImport.fromFile(KerasSeedFiles.path("vae_tf2.h5"), "vae");
    assertEquals(8, imported.config().getInt("hidden"));
    assertEquals(4, imported.config().getInt("latent"));
    checkVae(imported, KerasSeedFiles.read("vae_tf2.h5"), "vae_tf2.h5",
        List.of("dense/kernel", "dense_1/kernel", "dense_2/kernel", "dense_3/kernel", "dense_4/kernel"),
        List.of("dense/bias", "dense_1/bias", "dense_2/bias", "dense_3/bias", "dense_4/bias"));
  }

  @Test
  void vaeOfAKeras3WeightsFile() {
    ImportedModel imported = KerasSeedImport.fromFile(KerasSeedFiles.path("vae_keras3.weights.h5"), "vae");
    assertEquals(6, imported.config().getInt("hidden"));
    assertEquals(2, imported.config().getInt("latent"));
    checkVae(imported, KerasSeedFiles.read("vae_keras3.weights.h5"), "vae_keras3.weights.h5",
        List.of("layers/dense/0", "layers/dense_1/0", "layers/dense_2/0", "layers/dense_3/0", "layers/dense_4/0"),
        List.of("layers/dense/1", "layers/dense_1/1", "layers/dense_2/1", "layers/dense_3/1", "layers/dense_4/1"));
  }

  @Test
  void checkpointOfAnImportedAeOpensInTheEmbeddingApi(@TempDir Path tmp) throws IOException {
    ImportedModel imported = KerasSeedImport.fromFile(KerasSeedFiles.path("ae_tf2.h5"), "ae");
    Path dir = tmp.resolve("checkpoint");
    imported.saveCheckpoint(dir);
    ModelConfig stored = ModelConfig.read(dir).orElseThrow();
    assertEquals("16,8", stored.get("hidden"));
    assertEquals("4", stored.get("code_size"));
    DenseReference ref = new DenseReference(KerasSeedFiles.read("ae_tf2.h5"));
    double[][] codes = ref.dense(ref.dense(ref.dense(xRows, "sequential/dense", true), "sequential/dense_1", true),
        "sequential/dense_2", false);
    try (EmbeddedAutoencoder ae = EmbeddedAutoencoder.load(dir)) {
      assertEquals(4, ae.codeSize());
      float[][] rows = new float[N][];
      for (int i = 0; i < N; i++) {
        rows[i] = Arrays.copyOfRange(x, i * 784, (i + 1) * 784);
      }
      double error = DenseReference.maxAbsDiff(ae.encode(rows), codes);
      System.out.printf("imported AE checkpoint, embedded encode: max abs diff %.3g%n", error);
      assertTrue(error <= TOLERANCE, "max abs diff " + error);
    }
  }

  @Test
  void checkpointOfAnImportedVaeOpensInTheEmbeddingApi(@TempDir Path tmp) throws IOException {
    ImportedModel imported = KerasSeedImport.fromFile(KerasSeedFiles.path("vae_tf2.h5"), "vae");
    Path dir = tmp.resolve("checkpoint");
    imported.saveCheckpoint(dir);
    try (EmbeddedVae vae = EmbeddedVae.load(dir)) {
      assertEquals(4, vae.latentSize());
    }
  }

  @Test
  void thePacktConvVaeIsNeitherTheAeNorTheVae() {
    WeightFile packt = KerasSeedFiles.packt();
    UserException ae = assertThrows(UserException.class, () -> KerasSeedImport.aeFrom(packt, "vae_cnn_mnist.h5"));
    assertTrue(ae.getMessage().startsWith("vae_cnn_mnist.h5 does not fit seed 000's AE (AE.py"), ae.getMessage());
    assertTrue(ae.getMessage().contains("its layer encoder/conv2d_1 (kernel float32 [3, 3, 1, 32], bias float32 [32])"
        + " is not a Dense layer"), ae.getMessage());
    assertTrue(ae.getMessage().contains("decoder/decoder_output (kernel float32 [3, 3, 1, 32]"), ae.getMessage());
    UserException vae = assertThrows(UserException.class, () -> KerasSeedImport.vaeFrom(packt, "vae_cnn_mnist.h5"));
    assertTrue(vae.getMessage().startsWith("vae_cnn_mnist.h5 does not fit seed 000's VAE (VAE.py"), vae.getMessage());
    assertTrue(vae.getMessage().contains("encoder/conv2d_1 (kernel float32 [3, 3, 1, 32]"), vae.getMessage());
  }

  @Test
  void theVaeIsNotTheAeNorTheAeTheVae() {
    UserException ae = assertThrows(UserException.class,
        () -> KerasSeedImport.aeFrom(KerasSeedFiles.read("vae_tf2.h5"), "vae_tf2.h5"));
    assertTrue(ae.getMessage().contains("it holds 5 Dense layers, but the AE has an even number"), ae.getMessage());
    UserException vae = assertThrows(UserException.class,
        () -> KerasSeedImport.vaeFrom(KerasSeedFiles.read("ae_tf2.h5"), "ae_tf2.h5"));
    assertTrue(vae.getMessage().contains("it holds 6 Dense layers, but the VAE has 5"), vae.getMessage());
  }

  @Test
  void aDecoderThatDoesNotMirrorTheEncoderIsRefused() {
    WeightFile file = KerasSeedFiles.withShapes(KerasSeedFiles.read("ae_tf2.h5"),
        "sequential_1/dense_4/kernel", new int[] {8, 12}, "sequential_1/dense_4/bias", new int[] {12},
        "sequential_1/dense_5/kernel", new int[] {12, 784});
    UserException e = assertThrows(UserException.class, () -> KerasSeedImport.aeFrom(file, "ae.h5"));
    assertTrue(e.getMessage().contains("sequential_1/dense_4 has kernel [8, 12], but the decoder's layer 2 mirrors"
        + " the encoder's layer 2: kernel [8, 16]"), e.getMessage());
  }

  @Test
  void anEncoderWhoseLayersDoNotChainIsRefused() {
    WeightFile file = KerasSeedFiles.withShapes(KerasSeedFiles.read("ae_tf2.h5"),
        "sequential/dense/kernel", new int[] {28, 16});
    UserException e = assertThrows(UserException.class, () -> KerasSeedImport.aeFrom(file, "ae.h5"));
    assertTrue(e.getMessage().contains("sequential/dense has kernel [28, 16], but the encoder's first layer takes the"
        + " 784 pixels: kernel [784, width]"), e.getMessage());
  }

  @Test
  void aLogVarLayerOfAnotherShapeThanTheMeanIsRefused() {
    WeightFile file = KerasSeedFiles.withShapes(KerasSeedFiles.read("vae_tf2.h5"),
        "dense_2/kernel", new int[] {8, 3}, "dense_2/bias", new int[] {3});
    UserException e = assertThrows(UserException.class, () -> KerasSeedImport.vaeFrom(file, "vae.h5"));
    assertTrue(e.getMessage().contains("dense_2 has kernel [8, 3], but fc3 (z_log_var) has z_mean's shape: kernel"
        + " [8, 4]"), e.getMessage());
  }

  @Test
  void aLayerWithoutBiasIsNotADenseLayerOfTheSeed() {
    WeightFile file = KerasSeedFiles.without(KerasSeedFiles.read("vae_tf2.h5"), "dense_3/bias");
    UserException e = assertThrows(UserException.class, () -> KerasSeedImport.vaeFrom(file, "vae.h5"));
    assertTrue(e.getMessage().contains("its layer dense_3 (kernel float32 [4, 8]) is not a Dense layer"),
        e.getMessage());
  }

  @Test
  void onlyAeAndVaeImportFromKeras() {
    UserException e = assertThrows(UserException.class,
        () -> KerasSeedImport.fromFile(KerasSeedFiles.path("vae_tf2.h5"), "cvae"));
    assertEquals("a Keras file imports as the seed's ae or vae, not 'cvae'", e.getMessage());
  }

  /** The Java AE with the import's weights against the Keras layers {@code encoder}, {@code decoder}. */
  private static void checkAe(ImportedModel imported, WeightFile file, List<String> encoder, List<String> decoder) {
    DenseReference ref = new DenseReference(file);
    double[][] codes = xRows;
    for (int i = 0; i < encoder.size(); i++) {
      codes = ref.dense(codes, encoder.get(i), i < encoder.size() - 1);
    }
    float[] z = toFloats(codes);
    double[][] images = DenseReference.rows(z, N);
    for (int i = 0; i < decoder.size(); i++) {
      images = ref.dense(images, decoder.get(i), i < decoder.size() - 1);
    }
    images = DenseReference.sigmoid(images);
    try (Autoencoder ae = Autoencoder.create(AutoencoderSettings.defaults().withConfig(imported.config()))) {
      imported.assignTo(ae.session(), ae.model().params());
      double encode = DenseReference.maxAbsDiff(ae.encode(x, N), codes);
      double decode = DenseReference.maxAbsDiff(ae.decode(z, N), images);
      System.out.printf("Keras AE import (%s): encode max abs diff %.3g, decode %.3g%n",
          Path.of(imported.source()).getFileName(), encode, decode);
      assertTrue(encode <= TOLERANCE, "encode: max abs diff " + encode);
      assertTrue(decode <= TOLERANCE, "decode: max abs diff " + decode);
    }
  }

  /** The Java VAE with the import's weights against fc1 … fc5's Keras arrays {@code kernels}, {@code biases}. */
  private static void checkVae(ImportedModel imported, WeightFile file, String name, List<String> kernels,
      List<String> biases) {
    DenseReference ref = new DenseReference(file);
    double[][] h = ref.dense(xRows, kernels.get(0), biases.get(0), true);
    double[][] mean = ref.dense(h, kernels.get(1), biases.get(1), false);
    double[][] logVar = ref.dense(h, kernels.get(2), biases.get(2), false);
    float[] z = toFloats(mean);
    double[][] images = DenseReference.sigmoid(ref.dense(ref.dense(DenseReference.rows(z, N), kernels.get(3),
        biases.get(3), true), kernels.get(4), biases.get(4), false));
    try (Vae vae = Vae.create(VaeSettings.defaults().withConfig(imported.config()))) {
      imported.assignTo(vae.session(), vae.model().params());
      Vae.Encoding enc = vae.encode(x, N);
      double meanDiff = DenseReference.maxAbsDiff(enc.mean(), mean);
      double logVarDiff = DenseReference.maxAbsDiff(enc.logVar(), logVar);
      double decode = DenseReference.maxAbsDiff(vae.decode(z, N), images);
      System.out.printf("Keras VAE import (%s): z_mean max abs diff %.3g, z_log_var %.3g, decode %.3g%n", name,
          meanDiff, logVarDiff, decode);
      assertTrue(meanDiff <= TOLERANCE, "z_mean: max abs diff " + meanDiff);
      assertTrue(logVarDiff <= TOLERANCE, "z_log_var: max abs diff " + logVarDiff);
      assertTrue(decode <= TOLERANCE, "decode: max abs diff " + decode);
    }
  }

  private static float[] toFloats(double[][] rows) {
    float[] out = new float[rows.length * rows[0].length];
    int k = 0;
    for (double[] row : rows) {
      for (double v : row) {
        out[k++] = (float) v;
      }
    }
    return out;
  }
}
