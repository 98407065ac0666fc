package org.genmodels.shared.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KerasH5} on files it must refuse: each refusal is a {@link WeightFileException} whose
 * message names the file, what is wrong and the fix, and the file and its directory are left as
 * they were. Ends with seeded random damage to real files, each of which must end in a value or a
 * WeightFileException (the seed behaviour of the fuzz test to come).
 */
class KerasH5BadInputTest {
  @TempDir
  Path tmp;

  @Test
  void hdf5FileWithoutKerasAttributesIsRefusedSayingSo() throws IOException {
    Path file = copy(KerasH5Test.resource("not_keras.h5"), "measurements.h5");
    String message = refusal(file);
    assertTrue(message.startsWith(file + " is an HDF5 file but not a Keras weights file: it has no root attribute"
        + " layer_names (Keras 2 save_weights), no model_weights group (Keras 2 model.save) and no vars group"
        + " (Keras 3 .weights.h5); its root holds the attributes [title] and the objects [run1/, temperature]."),
        message);
    assertTrue(message.endsWith("Give the .h5 file that Keras's save_weights or model.save wrote."), message);
  }

  @Test
  void realKerasFileWhoseLayerNamesAttributeIsRenamedIsNotKeras() throws IOException {
    byte[] bytes = Files.readAllBytes(KerasH5Test.fixture());
    Path file = write("renamed.h5", replaceOnce(bytes, "layer_names", "layer_nameX"));
    String message = refusal(file);
    assertTrue(message.contains("is an HDF5 file but not a Keras weights file"), message);
    assertTrue(message.contains("the attributes [layer_nameX, backend, keras_version] and the objects"
        + " [decoder/, encoder/, encoder_input/]"), message);
  }

  @Test
  void weightListedButMissingIsNamed() throws IOException {
    byte[] bytes = Files.readAllBytes(KerasH5Test.fixture());
    Path file = write("missing.h5", replaceOnce(bytes, "dense_1/kernel:0", "dense_1/kernel:9"));
    assertEquals(file + " is damaged: the layer 'encoder' lists the weight 'dense_1/kernel:9', but /encoder has no"
        + " dataset at that path. Save the weights again, or copy the file again.", refusal(file));
  }

  @Test
  void truncatedFileIsRefusedWithBothSizes() throws IOException {
    byte[] bytes = Files.readAllBytes(KerasH5Test.fixture());
    Path file = write("cut.h5", Arrays.copyOf(bytes, 300_000));
    assertEquals(file + " is truncated: it has 300000 bytes, but its HDF5 header says it has " + bytes.length
        + ". Copy or download it again: an interrupted copy cuts a file short.", refusal(file));
  }

  @Test
  void fileThatIsNotHdf5SaysWhatItIs() throws IOException {
    String fix = ". Keras weights files (.h5, .weights.h5) and .keras archives are; give the file that Keras's"
        + " save_weights or model.save wrote.";
    Path json = write("model.h5", "{\"class_name\": \"Sequential\"}".getBytes(StandardCharsets.US_ASCII));
    assertEquals(json + " is not an HDF5 file: it is text beginning \"{\"class_name\": \"Sequenti\"" + fix,
        refusal(json));
    Path pickle = write("best_model.h5", new byte[] {(byte) 0x80, 2, 0x7d, 0x71, 0, 0x2e});
    assertEquals(pickle + " is not an HDF5 file: it is a Python pickle (a PyTorch file from before 1.6, or a Paddle"
        + " .pdparams)" + fix, refusal(pickle));
    Path empty = write("empty.h5", new byte[0]);
    assertEquals(empty + " is not an HDF5 file: it is empty" + fix, refusal(empty));
    Path binary = write("noise.h5", new byte[] {0, 1, 2, (byte) 0xfe, 9, 9, 9, 9, 9, 9});
    assertEquals(binary + " is not an HDF5 file: it begins with the bytes 00 01 02 fe 09 09 09 09" + fix,
        refusal(binary));
  }

  @Test
  void missingFileAndDirectoryAreNamed() {
    Path missing = tmp.resolve("nope.h5");
    assertEquals(missing + " does not exist: check the path.", refusal(missing));
    assertEquals(tmp + " is a directory, not a Keras weights file: give the .h5, .weights.h5 or .keras file that"
        + " Keras wrote.", refusal(tmp));
  }

  @Test
  void zipArchivesThatAreNotKerasModelsAreRefusedByName() throws IOException {
    Path npz = zip("npz.keras", Map.of("config.json", "{}", "model.weights.npz", "x"));
    assertEquals(npz + " holds its weights as model.weights.npz, which this reader does not read. Save the model"
        + " with Keras's default weights format (model.save(\"model.keras\")), or its weights alone with"
        + " model.save_weights(\"model.weights.h5\").", refusal(npz));
    Path noWeights = zip("config-only.keras", Map.of("config.json", "{}"));
    assertEquals(noWeights + " is a .keras archive without model.weights.h5: it holds no weights. Save the model"
        + " again with model.save(\"model.keras\").", refusal(noWeights));
    Path torch = zip("model.pt", Map.of("archive/data.pkl", "x"));
    assertEquals(torch + " is a PyTorch torch.save archive, not a Keras file: read it as a PyTorch state dict.",
        refusal(torch));
    Path other = zip("notes.zip", Map.of("notes.txt", "x"));
    assertEquals(other + " is a zip archive but not a Keras .keras file (no config.json and model.weights.h5; it"
        + " holds notes.txt). Give the file Keras's model.save or save_weights wrote.", refusal(other));
    Path badInner = zip("bad.keras", Map.of("config.json", "{}", "model.weights.h5", "not hdf5"));
    assertTrue(refusal(badInner).startsWith("model.weights.h5 in " + badInner + " is not an HDF5 file: it is text"
        + " beginning \"not hdf5\""), refusal(badInner));
  }

  @Test
  void truncatedKerasArchiveIsADamagedZip() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry("model.weights.h5"));
      out.write(Files.readAllBytes(KerasH5Test.resource("keras3.weights.h5")));
    }
    // cut inside the compressed weights
    Path file = write("cut.keras", Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
    String message = refusal(file);
    assertTrue(message.startsWith(file + " is a damaged zip archive ("), message);
    assertTrue(message.endsWith("). Copy the file again, or save the model again with model.save."), message);
  }

  /**
   * 200 seeded random damages (byte flips, overwritten runs, truncations) of the fixture, 100 of the
   * small model.save file: each ends in a value or a WeightFileException, never another exception.
   */
  @Test
  void randomDamageEndsInAValueOrAWeightFileException() throws IOException {
    int[] fixture = damage(Files.readAllBytes(KerasH5Test.fixture()), 200, 13);
    int[] small = damage(Files.readAllBytes(KerasH5Test.resource("keras2_model_save_vlen.h5")), 100, 14);
    System.out.printf("Keras HDF5 random damage: fixture %d read, %d refused; model.save file %d read, %d refused%n",
        fixture[0], fixture[1], small[0], small[1]);
    assertTrue(fixture[1] > 0 && small[1] > 0, "some damage must be noticed");
  }

  private static int[] damage(byte[] original, int count, long seed) {
    Random random = new Random(seed);
    int[] outcomes = new int[2];
    for (int i = 0; i < count; i++) {
      byte[] bytes = original.clone();
      String what;
      switch (random.nextInt(4)) {
        case 0 -> {
          int n = 1 + random.nextInt(8);
          for (int k = 0; k < n; k++) {
            bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
          }
          what = n + " bit flips";
        }
        case 1 -> {
          // the headers sit in the first few KB: aim there often
          int at = random.nextInt(Math.min(bytes.length, 8192));
          int len = 1 + random.nextInt(8);
          for (int k = at; k < Math.min(bytes.length, at + len); k++) {
            bytes[k] = (byte) random.nextInt(256);
          }
          what = len + " random bytes at " + at;
        }
        case 2 -> {
          int at = random.nextInt(bytes.length);
          Arrays.fill(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(64)), (byte) 0xff);
          what = "0xff run at " + at;
        }
        default -> {
          bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
          what = "truncated to " + bytes.length;
        }
      }
      try {
        KerasH5.read(bytes, "damaged.h5");
        outcomes[0]++;
      } catch (WeightFileException e) {
        assertTrue(e.getMessage().startsWith("damaged.h5") || e.getMessage().contains(" in damaged.h5"),
            e.getMessage());
        outcomes[1]++;
      } catch (RuntimeException | Error e) {
        fail("damage " + i + " (seed " + seed + ", " + what + ") ended in " + e, e);
      }
    }
    return outcomes;
  }

  /** The message of the WeightFileException reading {@code file} throws; the directory is left as it was. */
  private String refusal(Path file) {
    Map<Path, byte[]> before = snapshot();
    WeightFileException e = assertThrows(WeightFileException.class, () -> KerasH5.read(file));
    Map<Path, byte[]> after = snapshot();
    assertEquals(before.keySet(), after.keySet(), "files in " + tmp);
    before.forEach((path, bytes) -> assertArrayEquals(bytes, after.get(path), path.toString()));
    return e.getMessage();
  }

  private Map<Path, byte[]> snapshot() {
    try (Stream<Path> files = Files.list(tmp)) {
      return files.collect(java.util.stream.Collectors.toMap(p -> p, p -> {
        try {
          return Files.readAllBytes(p);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path copy(Path from, String name) throws IOException {
    return Files.copy(from, tmp.resolve(name));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(tmp.resolve(name), bytes);
  }

  private Path zip(String name, Map<String, String> entries) throws IOException {
    Path path = tmp.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(path))) {
      for (String entry : List.copyOf(new java.util.TreeMap<>(entries).keySet())) {
        out.putNextEntry(new ZipEntry(entry));
        out.write(entries.get(entry).getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return path;
  }

  /** {@code bytes} with the one occurrence of {@code from} replaced by {@code to}, of the same length. */
  private static byte[] replaceOnce(byte[] bytes, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.US_ASCII);
    byte[] t = to.getBytes(StandardCharsets.US_ASCII);
    int found = -1;
    for (int i = 0; i + f.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + f.length, f, 0, f.length)) {
        assertEquals(-1, found, from + " occurs more than once");
        found = i;
      }
    }
    assertTrue(found >= 0, from + " not found");
    byte[] out = bytes.clone();
    System.arraycopy(t, 0, out, found, t.length);
    return out;
  }
}
