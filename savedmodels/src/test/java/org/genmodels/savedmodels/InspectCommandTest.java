package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.genmodels.shared.testing.CliRun;
import org.genmodels.shared.testing.TestData;
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
  void namesTheFormatAndListsTheTensorsOfWeightsFiles() {
    Path fixtures = TestData.sharedDir().resolve("fixtures");
    CliRun.Output torch = CliRun.run(new SavedModelsMain(), "inspect",
        fixtures.resolve("pytorch/seed004_vae/best_model_mnist").toString());
    assertEquals(0, torch.code(), torch.err());
    assertTrue(torch.out().startsWith("PyTorch state dict (torch.save zip) "), torch.out());
    assertTrue(torch.out().contains(": 8 tensors"), torch.out());
    assertTrue(torch.out().matches("(?s).*\\n  encoder\\.2\\.weight +float32 \\[4, 256] .*"), torch.out());

    CliRun.Output paddle = CliRun.run(new SavedModelsMain(), "inspect",
        fixtures.resolve("pytorch/seed002_cvae_paddle/A_decoder_True.pdparams").toString());
    assertEquals(0, paddle.code(), paddle.err());
    assertTrue(paddle.out().startsWith("Paddle state dict (paddle.save pickle) "), paddle.out());
    assertTrue(paddle.out().matches("(?s).*\\n  conv3\\.weight +float32 \\[64, 32, 4, 4].*"), paddle.out());

    CliRun.Output keras = CliRun.run(new SavedModelsMain(), "inspect",
        fixtures.resolve("keras_h5/packt_vae_cnn_mnist/vae_cnn_mnist.h5").toString());
    assertEquals(0, keras.code(), keras.err());
    assertTrue(keras.out().startsWith("Keras 2.1.6 HDF5 weights"), keras.out());
    assertTrue(keras.out().matches("(?s).*\\n  decoder/dense_2/kernel +float32 \\[2, 3136] +layer decoder/dense_2,.*"),
        keras.out());
  }

  @Test
  void aPathThatDoesNotExistSaysSo() {
    Path nowhere = tmp.resolve("model.pt");
    CliRun.Output out = CliRun.run(new SavedModelsMain(), "inspect", nowhere.toString());
    assertEquals(2, out.code());
    assertTrue(out.err().contains("no such file or directory " + nowhere.toAbsolutePath()), out.err());
  }

  @Test
  void saysWhatIsMissing() {
    CliRun.Output out = CliRun.run(new SavedModelsMain(), "inspect", tmp.toString());
    assertEquals(2, out.code());
    assertTrue(out.err().contains("no checkpoint in " + tmp) && out.err().contains("(a SavedModel)"), out.err());
  }

  @Test
  void everyCommandStatesItsDefaultsOnceAndItsVersion() {
    assertEquals(java.util.List.of(), org.genmodels.shared.testing.HelpText.defaultsStatedTwice(new SavedModelsMain()));
    assertTrue(CliRun.run(new SavedModelsMain(), "import", "--version").out().startsWith("genmodels "));
  }
}
