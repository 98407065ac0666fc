package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.weights.WeightFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/**
 * The conv VAE of the real Keras 2.1.6 file {@code keras_h5/packt_vae_cnn_mnist}, rebuilt from the
 * shared layers with the file's weights ({@link PacktConvVae}), against the fixture's float64
 * references on MNIST test images 0–7 (numpy, not TensorFlow): every output within 1e-4.
 */
class PacktConvVaeTest {
  @Test
  void everyOutputMatchesTheFixtureReferences() {
    List<ParityLine> lines = PacktParity.check(KerasSeedFiles.packtDir(), TestData.mnist().test());
    for (ParityLine line : lines) {
      System.out.printf("packt_vae_cnn_mnist parity: %-36s max abs diff %.3g (tolerance %.0e)%n", line.what(),
          line.maxAbsDiff(), line.tolerance());
    }
    assertEquals(List.of("encoder Dense-16 relu, images 0–7", "z_mean", "z_log_var", "decoder(z_mean), 8 × 784",
        "decoder(z), 4 fixed z"), lines.stream().map(ParityLine::what).toList());
    for (ParityLine line : lines) {
      assertTrue(line.passes(), line.what() + ": max abs diff " + line.maxAbsDiff());
    }
  }

  @Test
  void aFileOfAnotherModelIsRefusedByLayer() {
    WeightFile ae = KerasSeedFiles.read("ae_tf2.h5");
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      UserException e = assertThrows(UserException.class,
          () -> PacktConvVae.create(tf, new Parameters(new Seeds(0)), ae, "ae_tf2.h5"));
      assertTrue(e.getMessage().startsWith("ae_tf2.h5 does not fit the conv VAE of vae_cnn_mnist.h5"
          + " (keras_h5/packt_vae_cnn_mnist/SOURCE.md): it holds 6 layers with weights, but the model has 9."),
          e.getMessage());
      assertTrue(e.getMessage().contains("The file's: sequential/dense (kernel float32 [784, 16], bias float32 [16])"),
          e.getMessage());
    }
  }

  @Test
  void aKernelOfAnotherShapeIsRefusedNamingBothShapes() {
    WeightFile file = KerasSeedFiles.withShapes(KerasSeedFiles.packt(), "decoder/conv2d_transpose_2/kernel",
        new int[] {3, 3, 64, 32});
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      UserException e = assertThrows(UserException.class,
          () -> PacktConvVae.create(tf, new Parameters(new Seeds(0)), file, "x.h5"));
      assertTrue(e.getMessage().contains("its layer 8, decoder/conv2d_transpose_2 (kernel float32 [3, 3, 64, 32],"
          + " bias float32 [32]), should be the decoder Conv2DTranspose 64 → 32, 3×3: kernel [3, 3, 32, 64] and bias"
          + " [32]"), e.getMessage());
    }
  }

  @Test
  void aFolderWithoutTheFixtureIsRefused(@TempDir Path empty) {
    UserException e = assertThrows(UserException.class, () -> PacktParity.check(empty, TestData.mnist().test()));
    assertEquals("no expected.json in " + empty + ": give the keras_h5/packt_vae_cnn_mnist fixture folder",
        e.getMessage());
  }

  @Test
  void imagesOfAnotherDataSetAreRefused() {
    UserException e = assertThrows(UserException.class,
        () -> PacktParity.check(KerasSeedFiles.packtDir(), TestData.fashion().test()));
    assertTrue(e.getMessage().startsWith("MNIST test image 0 has pixel sum"), e.getMessage());
  }
}
