package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.genmodels.shared.data.Npy;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;

/** {@code savedmodels run}: .npy inputs in, .npy outputs out, against the fixtures' expected values. */
class RunCommandTest {
  @TempDir
  Path tmp;

  @Test
  void runsATf1SignatureOnNpyFiles() throws IOException {
    Path x = write("x.npy", Npy.encode(new float[] {1, 2, 3}, 3, 1));
    CliRun.Output out = run("half_plus_two_tf1", "--input", "x=" + x);
    assertEquals(0, out.code(), out.err());
    assertTrue(out.out().startsWith("y: float32 [3, 1] -> "), out.out());
    Npy.Array y = read("y.npy");
    assertArrayEquals(new int[] {3, 1}, y.shape());
    assertArrayEquals(new float[] {2.5f, 3f, 3.5f}, y.floats(), 0f);
  }

  @Test
  void refusesBf16OnACpuWithoutBf16() throws IOException {
    assumeFalse(CpuFeatures.current().hasBf16(), "this CPU has bf16 instructions");
    Path x = write("x.npy", Npy.encode(new float[] {1, 2, 3}, 3, 1));
    CliRun.Output out = run("half_plus_two_tf1", "--input", "x=" + x, "--precision", "bf16");
    assertEquals(2, out.code(), out.err());
    assertTrue(out.err().startsWith("error: --precision bf16 needs a CPU with avx512_bf16 or amx_bf16"), out.err());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void runsScalarInputsOfAKerasFunctionSignature() throws IOException {
    Path a = write("a.npy", Npy.encode(new float[] {10f}));
    Path b = write("b.npy", Npy.encode(new float[] {15.5f}));
    CliRun.Output out = run("tfjava_python_multisig", "--signature", "add", "--input", "a=" + a, "--input", "b=" + b);
    assertEquals(0, out.code(), out.err());
    assertArrayEquals(new float[] {25.5f}, read("output_0.npy").floats(), 0f);
  }

  @Test
  void takesSerializedExamplesAsNumpyByteStrings() throws IOException {
    float[] x = {1f, 2f, 3f};
    byte[][] examples = new byte[x.length][];
    int width = 0;
    for (int i = 0; i < x.length; i++) {
      examples[i] = Example.newBuilder().setFeatures(Features.newBuilder().putFeature("x",
          Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(x[i])).build())).build().toByteArray();
      width = Math.max(width, examples[i].length);
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (byte[] e : examples) {
      data.writeBytes(java.util.Arrays.copyOf(e, width));
    }
    Path inputs = Files.createDirectories(tmp.resolve("in"));
    Files.write(inputs.resolve("inputs.npy"), Npy.encode("|S" + width, new int[] {x.length}, data.toByteArray()));
    CliRun.Output out = run("half_plus_two_tf2", "--signature", "regress_x_to_y2", "--inputs", inputs.toString());
    assertEquals(0, out.code(), out.err());
    assertArrayEquals(new float[] {3.5f, 4f, 4.5f}, read("outputs.npy").floats(), 0f);
  }

  @Test
  void runsTheKerasModelFromAnInputDirectory() throws IOException {
    Map<String, Object> c = Json.object(Json.list(Fixtures.expected("keras_dense_single_input").get("cases")).get(1));
    float[] in = Json.floats(c.get("test_in_input"));
    Path inputs = Files.createDirectories(tmp.resolve("in"));
    Files.write(inputs.resolve("test_in_input.npy"), Npy.encode(in, in.length / 5, 5));
    CliRun.Output out = run("keras_dense_single_input", "--inputs", inputs.toString());
    assertEquals(0, out.code(), out.err());
    assertArrayEquals(Json.floats(c.get("test_out")), read("test_out.npy").floats(), 1e-4f);
  }

  @Test
  void explainsWrongTypesShapesFilesAndSignatures() throws IOException {
    ByteBuffer doubles = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putDouble(1).putDouble(2).putDouble(3);
    Path f64 = write("f64.npy", Npy.encode("<f8", new int[] {3, 1}, doubles.array()));
    CliRun.Output type = run("half_plus_two_tf1", "--input", "x=" + f64);
    assertEquals(2, type.code());
    assertTrue(type.err().contains("takes float32 [-1, 1] but " + f64 + " holds float64 [3, 1]: save it as float32"
        + " (numpy: a.astype(np.float32))"), type.err());

    Path flat = write("flat.npy", Npy.encode(new float[] {1, 2, 3}, 3));
    CliRun.Output shape = run("half_plus_two_tf1", "--input", "x=" + flat);
    assertTrue(shape.err().contains("takes shape [-1, 1] (-1: any size) but " + flat + " holds [3]"), shape.err());

    CliRun.Output none = run("half_plus_two_tf1");
    assertTrue(none.err().contains("no file for input 'x' of signature 'serving_default'"), none.err());
    CliRun.Output missing = run("half_plus_two_tf1", "--input", "x=" + tmp.resolve("nope.npy"));
    assertTrue(missing.err().contains("input file " + tmp.resolve("nope.npy") + " does not exist"), missing.err());
    CliRun.Output key = run("half_plus_two_tf1", "--signature", "predict");
    assertTrue(key.err().contains("no signature 'predict'") && key.err().contains("(choose one with --signature)"),
        key.err());
  }

  @Test
  void emptyArraysMisspeltInputsAndWrongPathsGetOneClearLine() throws IOException {
    Path empty = write("empty.npy", Npy.encode(new float[0], 0, 1));
    CliRun.Output e = run("half_plus_two_tf1", "--input", "x=" + empty);
    assertEquals(2, e.code(), e.err());
    assertTrue(e.err().contains(empty + " holds an empty array [0, 1] for input 'x' of signature 'serving_default':"
        + " give at least one example"), e.err());

    // a wrong name beside no right one is named, rather than "no file for input 'x'"
    Path x = write("x.npy", Npy.encode(new float[] {1, 2, 3}, 3, 1));
    CliRun.Output misspelt = run("half_plus_two_tf1", "--input", "xx=" + x);
    assertEquals(2, misspelt.code(), misspelt.err());
    assertTrue(misspelt.err().contains("signature 'serving_default' has no input xx; its inputs are x"),
        misspelt.err());

    Path pb = Fixtures.model("half_plus_two_tf1").resolve("saved_model.pb");
    CliRun.Output file = CliRun.run(new SavedModelsMain(), "run", pb.toString(), "--output-dir", tmp.toString());
    assertEquals(2, file.code(), file.err());
    assertTrue(file.err().contains(pb + " is a file; give the SavedModel's directory, the one that holds"
        + " saved_model.pb and variables/: " + pb.toAbsolutePath().getParent()), file.err());
    Path nowhere = tmp.resolve("no-such-model");
    CliRun.Output none = CliRun.run(new SavedModelsMain(), "run", nowhere.toString(), "--output-dir", tmp.toString());
    assertEquals(2, none.code(), none.err());
    assertTrue(none.err().contains("no such directory " + nowhere.toAbsolutePath()), none.err());
    assertEquals(1, file.err().strip().lines().count(), file.err());
  }

  private CliRun.Output run(String fixture, String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "run";
    all[1] = Fixtures.model(fixture).toString();
    all[2] = "--output-dir";
    all[3] = tmp.resolve("out").toString();
    System.arraycopy(args, 0, all, 4, args.length);
    return CliRun.run(new SavedModelsMain(), all);
  }

  private Path write(String name, byte[] npy) throws IOException {
    return Files.write(tmp.resolve(name), npy);
  }

  private Npy.Array read(String name) throws IOException {
    try (InputStream in = Files.newInputStream(tmp.resolve("out").resolve(name))) {
      return Npy.read(in, name);
    }
  }
}
