package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.genmodels.ae.Autoencoder;
import org.genmodels.ae.AutoencoderServing;
import org.genmodels.cvae.Cvae;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.model.Signatures;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.tf.Tensors;
import org.genmodels.vae.Vae;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Export, reload with TF's own {@link SavedModelBundle} (the C++ loader TF Serving uses), and
 * compare every signature with the trained model's facade: identical outputs. The export holds
 * the model's weights and nothing else, one meta graph tagged {@code serve}, and named
 * signatures.
 */
class ExportRoundTripTest {
  private static final int N = 12;

  @TempDir
  Path tmp;

  @Test
  void autoencoder() throws IOException {
    Path dir = tmp.resolve("ae");
    float[][] x = Trained.unitImages(N);
    try (Autoencoder ae = Trained.autoencoder()) {
      ModelExport.export(ae, dir);
      assertOnlyWeights(dir, ae.model().params());
      SavedModelInfo.MetaGraph meta = servingGraph(dir, List.of("decode", "encode", "serving_default"));
      assertEquals("[x: float32 [-1, 784] (x:0)]", meta.signature("encode").orElseThrow().inputs().toString());
      assertEquals(List.of("code"), meta.signature("encode").orElseThrow().outputNames());
      float[] codes = ae.encode(Trained.flat(x), N);
      try (SavedModelBundle b = SavedModelBundle.load(dir.toString(), "serve")) {
        assertArrayEquals(codes, call(b, "encode", Map.of("x", floats(x)), "code"), 0f);
        assertArrayEquals(ae.decode(codes, N), call(b, "decode", Map.of("z", floats(Trained.rows(codes, N))), "images"), 0f);
        assertArrayEquals(ae.reconstruct(Trained.flat(x), N),
            call(b, "serving_default", Map.of("x", floats(x)), "reconstruction"), 0f);
      }
    }
  }

  @Test
  void vae() throws IOException {
    Path dir = tmp.resolve("vae");
    float[][] x = Trained.unitImages(N);
    try (Vae vae = Trained.vae()) {
      ModelExport.export(vae, dir);
      assertOnlyWeights(dir, vae.model().params());
      SavedModelInfo.MetaGraph meta = servingGraph(dir, List.of("decode", "encode", "sample", "serving_default"));
      assertEquals("[count: int32 [] (count:0), seed: int64 [] (seed:0)]",
          meta.signature("sample").orElseThrow().inputs().toString());
      Vae.Encoding e = vae.encode(Trained.flat(x), N);
      try (SavedModelBundle b = SavedModelBundle.load(dir.toString(), "serve")) {
        assertArrayEquals(e.mean(), call(b, "encode", Map.of("x", floats(x)), "z_mean"), 0f);
        assertArrayEquals(e.logVar(), call(b, "encode", Map.of("x", floats(x)), "z_log_var"), 0f);
        assertArrayEquals(vae.decode(e.mean(), N), call(b, "decode", Map.of("z", floats(Trained.rows(e.mean(), N))),
            "images"), 0f);
        assertArrayEquals(vae.reconstruct(Trained.flat(x), N),
            call(b, "serving_default", Map.of("x", floats(x)), "reconstruction"), 0f);
        assertArrayEquals(vae.sample(7, 42L), call(b, "sample", Map.of("count", TInt32.scalarOf(7),
            "seed", TInt64.scalarOf(42L)), "images"), 0f);
      }
    }
  }

  @Test
  void conditionalVae() throws IOException {
    Path dir = tmp.resolve("cvae");
    float[][] x = Trained.symmetricImages(N);
    int[] labels = Trained.labels(N);
    try (Cvae cvae = Trained.cvae(true)) {
      ModelExport.export(cvae, dir);
      assertOnlyWeights(dir, cvae.model().params());
      SavedModelInfo.MetaGraph meta = servingGraph(dir, List.of("decode", "encode", "generate", "serving_default"));
      assertEquals("[labels: int32 [-1] (labels:0), x: float32 [-1, 28, 28, 1] (x:0)]",
          meta.signature("encode").orElseThrow().inputs().toString());
      Cvae.Encoding e = cvae.encode(Trained.flat(x), labels, N);
      float[] decoded = cvae.decode(e.mean(), labels, N);
      try (SavedModelBundle b = SavedModelBundle.load(dir.toString(), "serve")) {
        assertArrayEquals(e.mean(), call(b, "encode", Map.of("x", images(x), "labels", TInt32.vectorOf(labels)),
            "z_mean"), 0f);
        assertArrayEquals(decoded, call(b, "decode", Map.of("z", floats(Trained.rows(e.mean(), N)),
            "labels", TInt32.vectorOf(labels)), "images"), 0f);
        assertArrayEquals(decoded, call(b, "generate", Map.of("z", floats(Trained.rows(e.mean(), N)),
            "labels", TInt32.vectorOf(labels)), "images"), 0f);
        assertArrayEquals(decoded, call(b, "serving_default", Map.of("x", images(x), "labels",
            TInt32.vectorOf(labels)), "reconstruction"), 0f);
      }
    }
  }

  @Test
  void unconditionalConvVae() throws IOException {
    Path dir = tmp.resolve("convvae");
    float[][] x = Trained.symmetricImages(N);
    try (Cvae cvae = Trained.cvae(false)) {
      ModelExport.export(cvae, dir);
      assertOnlyWeights(dir, cvae.model().params());
      servingGraph(dir, List.of("decode", "encode", "sample", "serving_default"));
      Cvae.Encoding e = cvae.encode(Trained.flat(x), null, N);
      try (SavedModelBundle b = SavedModelBundle.load(dir.toString(), "serve")) {
        assertArrayEquals(e.logVar(), call(b, "encode", Map.of("x", images(x)), "z_log_var"), 0f);
        assertArrayEquals(cvae.decode(e.mean(), null, N), call(b, "serving_default", Map.of("x", images(x)),
            "reconstruction"), 0f);
        float[] s1 = call(b, "sample", Map.of("count", TInt32.scalarOf(5), "seed", TInt64.scalarOf(9L)), "images");
        float[] s2 = call(b, "sample", Map.of("count", TInt32.scalarOf(5), "seed", TInt64.scalarOf(9L)), "images");
        float[] other = call(b, "sample", Map.of("count", TInt32.scalarOf(5), "seed", TInt64.scalarOf(10L)), "images");
        assertEquals(5 * 784, s1.length);
        assertArrayEquals(s1, s2, 0f);
        assertFalse(java.util.Arrays.equals(s1, other));
      }
    }
  }

  @Test
  void aFailedExportLeavesThePreviousOneInPlace() throws IOException {
    Path dir = tmp.resolve("ae");
    Path checkpoint = tmp.resolve("checkpoint");
    try (Autoencoder ae = Trained.autoencoder()) {
      ModelExport.export(ae, dir);
      org.genmodels.shared.train.Checkpoints.save(ae.session(), checkpoint);
    }
    byte[] before = Files.readAllBytes(dir.resolve("saved_model.pb"));
    // the checkpoint's layers are 64, 32 wide: a model of other widths cannot take its weights
    UserException e = assertThrows(UserException.class, () ->
        ModelExport.fromCheckpoint(new AutoencoderServing(List.of(64, 16), 8), checkpoint, dir));
    assertTrue(e.getMessage().contains("encoder/dense_1/kernel is [64, 32] in the checkpoint"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(dir.resolve("saved_model.pb")));
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of("ae", "checkpoint"), files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    ModelExport.fromCheckpoint(new AutoencoderServing(List.of(64, 32), 8), checkpoint, dir);
    assertTrue(Files.isRegularFile(dir.resolve("variables").resolve("variables.index")));
  }

  /** The export's variables are exactly the model's weights: no optimizer slots, no step counter. */
  private static void assertOnlyWeights(Path dir, Parameters params) {
    List<String> expected = params.all().stream().map(Parameters.Param::name).sorted().toList();
    CheckpointReader r = CheckpointReader.open(dir);
    assertEquals(expected, r.keys());
    for (Parameters.Param p : params.all()) {
      assertEquals(p.shape(), r.require(p.name()).shape(), p.name());
    }
  }

  /** One meta graph tagged serve with these signatures, all predict signatures. */
  private static SavedModelInfo.MetaGraph servingGraph(Path dir, List<String> keys) {
    SavedModelInfo info = SavedModelInfo.read(dir);
    assertEquals(1, info.metaGraphs().size());
    SavedModelInfo.MetaGraph meta = info.metaGraph(List.of("serve"));
    assertEquals(keys, meta.signatureKeys());
    meta.signatures().forEach(s -> assertEquals(Signatures.PREDICT, s.method(), s.key()));
    return meta;
  }

  /** Calls a signature of the bundle, closing the inputs and the result. */
  private static float[] call(SavedModelBundle b, String key, Map<String, Tensor> inputs, String output) {
    try (Result r = b.function(key).call(inputs)) {
      return Tensors.toArray(r.get(output).orElseThrow());
    } finally {
      inputs.values().forEach(Tensor::close);
    }
  }

  private static TFloat32 floats(float[][] rows) {
    return Tensors.floats(Trained.flat(rows), rows.length, rows[0].length);
  }

  private static TFloat32 images(float[][] rows) {
    return Tensors.floats(Trained.flat(rows), rows.length, 28, 28, 1);
  }
}
