package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.genmodels.shared.nn.Activation;
import org.genmodels.shared.nn.Dense;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * {@code keras_dense_single_input} (Keras Sequential 5 → 5 relu → 5 relu → 1 sigmoid, TF 2.3)
 * rebuilt from the shared {@link Dense} layer with the Keras weights read by object path: the
 * rebuilt graph's outputs equal the SavedModel's own signature within 1e-5, and the numpy
 * references within 1e-4.
 */
class KerasDenseParityTest {
  private static final String[] LAYERS = {"layer_with_weights-0", "layer_with_weights-1", "layer_with_weights-2"};

  @Test
  void rebuiltGraphEqualsTheSavedModel() throws IOException {
    KerasWeights w = KerasWeights.open(Fixtures.model("keras_dense_single_input"));
    int n = 256;
    float[] x = new float[n * 5];
    Random random = new Random(11);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (random.nextGaussian() * 2);
    }
    float[] java = rebuilt(w, x, n);
    float[] python;
    try (ServingSession s = ServingSession.load(Fixtures.model("keras_dense_single_input"), List.of("serve"));
         TFloat32 in = Tensors.floats(x, n, 5);
         Result r = s.call("serving_default", Map.of("test_in_input", in))) {
      python = Tensors.toArray(r.get("test_out").orElseThrow());
    }
    double error = Parity.maxAbsError(java, python);
    System.out.printf("keras_dense_single_input parity: max abs error %.3g over %d rows%n", error, n);
    assertTrue(error <= 1e-5, "max abs error " + error);

    for (Object o : Json.list(Fixtures.expected("keras_dense_single_input").get("cases"))) {
      Map<String, Object> c = Json.object(o);
      float[] in = Json.floats(c.get("test_in_input"));
      double numpy = Parity.maxAbsError(Json.floats(c.get("test_out")), rebuilt(w, in, in.length / 5));
      assertTrue(numpy <= 1e-4, "error against numpy " + numpy);
    }
  }

  /** The Sequential rebuilt: three Dense layers taking the Keras kernels and biases. */
  private static float[] rebuilt(KerasWeights w, float[] x, int n) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(new Seeds(0));
      long[][] sizes = {{5, 5}, {5, 5}, {5, 1}};
      Activation[] activations = {Activation.RELU, Activation.RELU, Activation.SIGMOID};
      Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 5)));
      Operand<TFloat32> h = input;
      for (int i = 0; i < LAYERS.length; i++) {
        h = Dense.create(tf, params, "dense_" + i, sizes[i][0], sizes[i][1], activations[i],
            w.initializer(LAYERS[i] + "/kernel"), w.initializer(LAYERS[i] + "/bias")).apply(tf, h);
      }
      try (TFloat32 t = Tensors.floats(x, n, 5); Result r = s.runner().feed(input, t).fetch(h).run()) {
        return Tensors.toArray(r.get(0));
      }
    }
  }
}
