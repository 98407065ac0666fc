package org.genmodels.savedmodels.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.genmodels.shared.train.Timings;
import org.junit.jupiter.api.Test;

/** Reading a {@code MODEL benchmark}'s timing lines back. */
class JavaBenchmarkOutputTest {
  @Test
  void readsTheMedianAndImagesOfTheLineTimingsWrites() {
    String text = "Settings: dataset fashion, epochs 4, batch 512\n"
        + "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
        + "train: " + Timings.describe(new double[] {0.74, 0.70, 0.71}, "epoch", "60000 images, batch 512") + "\n"
        + "reconstruct: " + Timings.describe(new double[] {0.05}, "run", "10000 images, the test set") + "; 200,000"
        + " images/s median, 200,000 slowest\n";
    JavaBenchmarkOutput out = JavaBenchmarkOutput.parse(text);
    JavaBenchmarkOutput.Timing train = out.timing("train");
    assertEquals(0.71, train.median(), 0.0);
    assertEquals("epoch", train.unit());
    assertEquals(3, train.count());
    assertEquals(Optional.of(60_000L), train.images());
    assertEquals(0.05, out.timing("reconstruct").median(), 0.0);
    // TensorFlow's own "WARNING:" is its log, not the command's
    assertEquals(List.of(), out.warnings());
  }

  @Test
  void keepsTheCommandsWarningLines() {
    String text = "AutoencoderSettings: precision=BF16\n"
        + "warning: this CPU (AMD EPYC) has avx512_bf16 but no amx_bf16; ...\n"
        + "train: 0.4 s/epoch mean, 0.4 median, 0.4 min over 1 epochs (60000 images, batch 512)\n";
    JavaBenchmarkOutput out = JavaBenchmarkOutput.parse(text);
    assertEquals(List.of("warning: this CPU (AMD EPYC) has avx512_bf16 but no amx_bf16; ..."), out.warnings());
    assertEquals(0.4, out.timing("train").median(), 0.0);
  }

  @Test
  void readsTheDiffusionsStepAndSampleLines() {
    String text = "train: 0.380 s/step mean, 0.372 median, 0.361 min over 20 steps (batch 128, 1,234,567 parameters)"
        + " [0.361, 0.372]\n"
        + "sample: 17.250 s/run mean, 17.250 median, 17.250 min over 1 runs (64 images, through 300 steps) [17.250];"
        + " 3.71 images/s median, 3.71 slowest\n";
    JavaBenchmarkOutput out = JavaBenchmarkOutput.parse(text);
    assertEquals(0.372, out.timing("train").median(), 0.0);
    assertEquals(Optional.empty(), out.timing("train").images());
    assertEquals(17.25, out.timing("sample").median(), 0.0);
    assertEquals(Optional.of(64L), out.timing("sample").images());
  }

  @Test
  void aMissingLineIsAnErrorSayingWhatThereWas() {
    JavaBenchmarkOutput out = JavaBenchmarkOutput.parse("train: 0.4 s/epoch mean, 0.4 median, 0.4 min over 1 epochs (x)");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> out.timing("sample"));
    assertTrue(e.getMessage().contains("no 'sample:") && e.getMessage().contains("[train]"), e.getMessage());
    IllegalStateException none = assertThrows(IllegalStateException.class,
        () -> JavaBenchmarkOutput.parse("error: something\n").timing("train"));
    assertTrue(none.getMessage().contains("no timing at all"), none.getMessage());
  }
}
