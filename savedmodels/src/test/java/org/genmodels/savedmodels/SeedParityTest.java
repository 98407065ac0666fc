package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.genmodels.ae.Autoencoder;
import org.genmodels.ae.AutoencoderSettings;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.Npy;
import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.TestData;
import org.genmodels.vae.Vae;
import org.genmodels.vae.VaeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code savedmodels parity} and the Keras import on stand-ins for what the Python scripts write
 * ({@link SeedExports}): the Java AE and VAE with the Keras weights copied in by object path
 * reproduce independently computed golden outputs, a wrong golden value fails the check, and the
 * imported weights go on training in Java.
 */
class SeedParityTest {
  private static final int N = 16;

  @TempDir
  Path tmp;

  @Test
  void autoencoderParityPassesAndAWrongGoldenValueFailsIt() throws IOException {
    Path dir = tmp.resolve("ae");
    SeedExports.autoencoder(dir, new int[] {32, 16}, 4, Trained.unitImages(N));
    CliRun.Output ok = CliRun.run(new SavedModelsMain(), "parity", dir.toString());
    System.out.print(ok.out());
    assertEquals(0, ok.code(), ok.out() + ok.err());
    assertTrue(ok.out().contains("Java AutoencoderServing[hiddenSizes=[32, 16], codeSize=4]"), ok.out());
    assertTrue(ok.out().contains("decode(z) → images") && ok.out().contains("parity OK"), ok.out());

    Path images = dir.resolve("golden").resolve("images.npy");
    float[] values;
    try (var in = Files.newInputStream(images)) {
      values = Npy.read(in, "images").floats();
    }
    values[100] += 1e-3f;
    Files.write(images, Npy.encode(values, N, 784));
    CliRun.Output failed = CliRun.run(new SavedModelsMain(), "parity", dir.toString());
    assertEquals(1, failed.code(), failed.out());
    assertTrue(failed.out().contains("parity FAILED") && failed.out().contains("decode(z) → images: Java differs"
        + " from Python by 0.00100"), failed.out());
    // the savedmodels tests run with oneDNN off (its pom): no note about it
    assertTrue(failed.out().contains("engine: TensorFlow ") && failed.out().contains("oneDNN off"), failed.out());
    assertFalse(failed.out().contains("note: TensorFlow's oneDNN"), failed.out());
  }

  @Test
  void aMissWithOneDnnOnNamesTheVariableThatTurnsItOff() {
    assertEquals("note: TensorFlow's oneDNN kernels are on, and the tolerances hold for its reference kernels: run"
        + " again with TF_ENABLE_ONEDNN_OPTS=0 (the tests do)", ParityCommand.oneDnnNote(true).orElseThrow());
    assertTrue(ParityCommand.oneDnnNote(false).isEmpty());
  }

  @Test
  void vaeParityPasses() throws IOException {
    Path dir = tmp.resolve("vae");
    SeedExports.vae(dir, 24, 3, Trained.unitImages(N));
    CliRun.Output ok = CliRun.run(new SavedModelsMain(), "parity", dir.toString());
    System.out.print(ok.out());
    assertEquals(0, ok.code(), ok.out() + ok.err());
    assertTrue(ok.out().contains("encode(x) → z_log_var") && ok.out().contains("parity OK"), ok.out());
    assertTrue(ok.out().contains("sample(count, seed) → images") && ok.out().contains("(no golden files)"), ok.out());
  }

  @Test
  void kerasWeightsGoOnTrainingInJava() throws IOException {
    Path dir = tmp.resolve("ae");
    SeedExports.autoencoder(dir, new int[] {32, 16}, 4, Trained.unitImages(N));
    float[] golden;
    try (var in = Files.newInputStream(dir.resolve("golden").resolve("code.npy"))) {
      golden = Npy.read(in, "code").floats();
    }
    AutoencoderSettings settings = AutoencoderSettings.builder().hiddenSizes(List.of(32, 16)).codeSize(4).build();
    try (Autoencoder ae = Autoencoder.create(settings)) {
      KerasSeedModels.into(ae, dir.resolve("saved_model"));
      assertTrue(Parity.maxAbsError(golden, ae.encode(Trained.flat(Trained.unitImages(N)), N)) <= 1e-5);
      ImageSet train = TestData.mnist().train();
      int[] batch = java.util.stream.IntStream.range(0, 128).toArray();
      double first = ae.trainStep(train, batch).loss();
      double last = first;
      for (int i = 0; i < 5; i++) {
        last = ae.trainStep(train, batch).loss();
      }
      assertTrue(last < first, "loss " + first + " -> " + last);
    }
    AutoencoderSettings code5 = settings.toBuilder().hiddenSizes(List.of(32, 16)).codeSize(5).build();
    try (Autoencoder other = Autoencoder.create(code5)) {
      UserException e = assertThrows(UserException.class, () -> KerasSeedModels.into(other, dir.resolve("saved_model")));
      assertTrue(e.getMessage().contains("codeSize=4") && e.getMessage().contains("codeSize=5"), e.getMessage());
    }
    try (Vae vae = Vae.create(VaeSettings.defaults())) {
      UserException e = assertThrows(UserException.class, () -> KerasSeedModels.into(vae, dir.resolve("saved_model")));
      assertTrue(e.getMessage().contains("holds the seed's dense autoencoder, not its dense VAE"), e.getMessage());
    }
  }

  @Test
  void aKerasSeedModelExportsAsAJavaExport() throws IOException {
    Path dir = tmp.resolve("vae");
    SeedExports.vae(dir, 24, 3, Trained.unitImages(N));
    Path export = tmp.resolve("export");
    CliRun.Output out = CliRun.run(new SavedModelsMain(), "export", "--keras", dir.resolve("saved_model").toString(),
        "--output", export.toString());
    assertEquals(0, out.code(), out.out() + out.err());
    float[] golden;
    try (var in = Files.newInputStream(dir.resolve("golden").resolve("reconstruction.npy"))) {
      golden = Npy.read(in, "reconstruction").floats();
    }
    try (EmbeddedVae vae = EmbeddedVae.load(export)) {
      assertEquals(3, vae.latentSize());
      assertTrue(Parity.maxAbsError(golden, Trained.flat(vae.reconstruct(Trained.unitImages(N)))) <= 1e-5);
    }
  }
}
