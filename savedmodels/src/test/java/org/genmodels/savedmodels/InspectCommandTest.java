package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.genmodels.shared.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code savedmodels inspect} on the Python fixtures: tags, signatures, dtypes, shapes, variables. */
class InspectCommandTest {
  @TempDir
  Path tmp;

  @Test
  void listsATf2KerasModelsSignatureAndVariables() {
    CliRun.Output out = CliRun.run(new SavedModelsMain(), "inspect", "--variables",
        Fixtures.model("keras_dense_single_input").toString());
    assertEquals(0, out.code(), out.err());
    String text = out.out();
    assertTrue(text.contains("tags [serve], written by TensorFlow 2.3.0, TF2 object graph of 86 objects, 1 signatures"), text);
    assertTrue(text.contains("  signature serving_default (tensorflow/serving/predict)"), text);
    assertTrue(text.matches("(?s).*input  test_in_input +float32 \\[-1, 5] +serving_default_test_in_input:0.*"), text);
    assertTrue(text.matches("(?s).*output test_out +float32 \\[-1, 1] +StatefulPartitionedCall:0.*"), text);
    assertTrue(text.matches("(?s).*layer_with_weights-0/kernel/\\.ATTRIBUTES/VARIABLE_VALUE +float32 \\[5, 5].*"), text);
  }

  @Test
  void listsEveryTagSetAndSignatureOfATf1Model() {
    CliRun.Output out = CliRun.run(new SavedModelsMain(), "inspect", Fixtures.model("half_plus_two_tf1").toString());
    assertEquals(0, out.code(), out.err());
    String text = out.out();
    assertTrue(text.contains("tags [serve], written by TensorFlow 1.1.0-rc2, TF1 graph, 6 signatures"), text);
    assertTrue(text.contains("  signature regress_x_to_y (tensorflow/serving/regress)"), text);
    assertTrue(text.matches("(?s).*input  inputs +string \\(any shape\\) +tf_example:0.*"), text);
    assertTrue(text.contains("variables: 3 tensors (list them with --variables)"), text);
  }

  @Test
  void saysWhatIsMissing() {
    CliRun.Output out = CliRun.run(new SavedModelsMain(), "inspect", tmp.toString());
    assertEquals(2, out.code());
    assertTrue(out.err().contains("no checkpoint in " + tmp) && out.err().contains("(a SavedModel)"), out.err());
  }
}
