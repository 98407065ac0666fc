package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.testing.TestData;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * Every signature of every Python-written fixture, run through {@link ServingSession}, against
 * {@code expected.json}: closed forms exactly, numpy references within 1e-4. The signatures that
 * take serialized {@code tf.Example}s get examples built here and the README's formulas.
 */
class FixtureSignaturesTest {
  private static final List<String> SERVE = List.of("serve");
  private static final float NUMPY = 1e-4f;

  @Test
  void halfPlusTwoTf1() throws IOException {
    Map<String, Object> sigs = Json.object(Fixtures.expected("half_plus_two_tf1").get("signatures"));
    try (ServingSession s = ServingSession.load(Fixtures.model("half_plus_two_tf1"), SERVE)) {
      assertEquals(List.of("classify_x2_to_y3", "classify_x_to_y", "regress_x2_to_y3", "regress_x_to_y",
          "regress_x_to_y2", "serving_default"), keys(s));
      Map<String, Object> c = case0(sigs.get("serving_default"));
      assertArrayEquals(Json.floats(c.get("y")), run(s, "serving_default", "x", c.get("x"), "y"), 0f);
      Map<String, Object> c3 = case0(sigs.get("regress_x2_to_y3 / classify_x2_to_y3"));
      assertArrayEquals(Json.floats(c3.get("y3")), run(s, "regress_x2_to_y3", "inputs", c3.get("x2"), "outputs"), 0f);
      assertArrayEquals(Json.floats(c3.get("y3")), run(s, "classify_x2_to_y3", "inputs", c3.get("x2"), "scores"), 0f);
      float[] x = {1f, 2f, -4f, 0.25f};
      assertArrayEquals(affine(x, 2f), runExamples(s, "regress_x_to_y", x, "outputs"), 0f);
      assertArrayEquals(affine(x, 3f), runExamples(s, "regress_x_to_y2", x, "outputs"), 0f);
      assertArrayEquals(affine(x, 2f), runExamples(s, "classify_x_to_y", x, "scores"), 0f);
    }
  }

  @Test
  void halfPlusTwoTf2() throws IOException {
    Map<String, Object> sigs = Json.object(Fixtures.expected("half_plus_two_tf2").get("signatures"));
    try (ServingSession s = ServingSession.load(Fixtures.model("half_plus_two_tf2"), SERVE)) {
      assertEquals(List.of("classify_x2_to_y3", "classify_x_to_y", "regress_x2_to_y3", "regress_x_to_y",
          "regress_x_to_y2", "serving_default"), keys(s));
      for (Object o : Json.list(Json.object(sigs.get("serving_default")).get("cases"))) {
        Map<String, Object> c = Json.object(o);
        assertArrayEquals(Json.floats(c.get("y")), run(s, "serving_default", "x", c.get("x"), "y"), 0f);
      }
      Map<String, Object> r = case0(sigs.get("regress_x2_to_y3"));
      assertArrayEquals(Json.floats(r.get("outputs")), run(s, "regress_x2_to_y3", "inputs", r.get("inputs"), "outputs"), 0f);
      Map<String, Object> k = case0(sigs.get("classify_x2_to_y3"));
      assertArrayEquals(Json.floats(k.get("scores")), run(s, "classify_x2_to_y3", "inputs", k.get("inputs"), "scores"), 0f);
      float[] x = {1f, 2f, -4f, 0.25f};
      assertArrayEquals(affine(x, 2f), runExamples(s, "regress_x_to_y", x, "outputs"), 0f);
      assertArrayEquals(affine(x, 3f), runExamples(s, "regress_x_to_y2", x, "outputs"), 0f);
      assertArrayEquals(affine(x, 2f), runExamples(s, "classify_x_to_y", x, "scores"), 0f);
    }
  }

  @Test
  void kerasModelWithFiveTfFunctionSignatures() throws IOException {
    Map<String, Object> sigs = Json.object(Fixtures.expected("tfjava_python_multisig").get("signatures"));
    try (ServingSession s = ServingSession.load(Fixtures.model("tfjava_python_multisig"), SERVE)) {
      assertEquals(List.of("add", "get_const_matrix", "get_const_scalar", "get_const_vector", "get_variable"), keys(s));
      Map<String, Object> add = case0(sigs.get("add"));
      try (TFloat32 a = scalar(add.get("a")); TFloat32 b = scalar(add.get("b"));
           Result r = s.call("add", Map.of("a", a, "b", b))) {
        assertArrayEquals(Json.floats(add.get("output_0")), Tensors.toArray(r.get("output_0").orElseThrow()), 0f);
      }
      for (String[] sig : new String[][] {{"get_variable", "dummy"}, {"get_const_scalar", "input"},
          {"get_const_vector", "input"}, {"get_const_matrix", "input"}}) {
        Map<String, Object> c = case0(sigs.get(sig[0]));
        assertArrayEquals(Json.floats(c.get("output_0")), run(s, sig[0], sig[1], c.get(sig[1]), "output_0"), 0f, sig[0]);
      }
    }
  }

  @Test
  void kerasDenseSingleInput() throws IOException {
    Map<String, Object> expected = Fixtures.expected("keras_dense_single_input");
    try (ServingSession s = ServingSession.load(Fixtures.model("keras_dense_single_input"), SERVE)) {
      assertEquals(List.of("serving_default"), keys(s));
      for (Object o : Json.list(expected.get("cases"))) {
        Map<String, Object> c = Json.object(o);
        assertArrayEquals(Json.floats(c.get("test_out")),
            run(s, "serving_default", "test_in_input", c.get("test_in_input"), "test_out"), NUMPY);
      }
    }
  }

  @Test
  void fashionConvAutoencoderHalves() throws IOException {
    Map<String, Object> expected = Fixtures.expected("fashion_conv_ae");
    Map<String, Object> enc = Json.object(expected.get("encoder"));
    Map<String, Object> dec = Json.object(expected.get("decoder"));
    try (ServingSession s = ServingSession.load(Fixtures.model("fashion_conv_ae/encoder"), SERVE);
         TFloat32 x = Tensors.floats(FashionImages.padded(TestData.fashion().test(), 8), 8, 32, 32, 1);
         Result r = s.call("serving_default", Map.of("encoder_input", x))) {
      assertArrayEquals(Json.floats(enc.get("values")), Tensors.toArray(r.get("encoder_output").orElseThrow()), NUMPY);
    }
    try (ServingSession s = ServingSession.load(Fixtures.model("fashion_conv_ae/decoder"), SERVE)) {
      assertArrayEquals(Json.floats(dec.get("decoder_output_32x32")),
          run(s, "serving_default", "decoder_input", dec.get("z"), "decoder_output"), NUMPY);
    }
  }

  private static List<String> keys(ServingSession s) {
    return s.signatures().stream().map(SignatureSpec::key).toList();
  }

  private static Map<String, Object> case0(Object signature) {
    return Json.object(Json.list(Json.object(signature).get("cases")).get(0));
  }

  /** Runs {@code key} with one float input taken from JSON, returns output {@code out}. */
  private static float[] run(ServingSession s, String key, String in, Object json, String out) {
    try (TFloat32 t = Tensors.floats(Json.floats(json), Json.shape(json)); Result r = s.call(key, Map.of(in, t))) {
      return Tensors.toArray(r.get(out).orElseThrow());
    }
  }

  /** Runs a signature taking serialized tf.Examples with float feature "x". */
  private static float[] runExamples(ServingSession s, String key, float[] x, String out) {
    byte[][] examples = new byte[x.length][];
    for (int i = 0; i < x.length; i++) {
      examples[i] = Example.newBuilder().setFeatures(Features.newBuilder().putFeature("x",
          Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(x[i])).build())).build().toByteArray();
    }
    try (Tensor t = TString.tensorOfBytes(NdArrays.vectorOfObjects(examples));
         Result r = s.call(key, Map.of("inputs", t))) {
      Tensor y = r.get(out).orElseThrow();
      assertEquals(Shape.of(x.length, 1), y.shape());
      return Tensors.toArray(y);
    }
  }

  private static float[] affine(float[] x, float b) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 0.5f * x[i] + b;
    }
    return y;
  }

  private static TFloat32 scalar(Object json) {
    return TFloat32.scalarOf(((Double) json).floatValue());
  }
}
