package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 004's SimpleUnet imported from PyTorch's own {@code model.pt} computes what PyTorch
 * computed from those weights ({@code golden/}, {@code golden_grads.npz}): the network in eval and
 * training mode and one reverse step within 1e-4, through the Java network's fast paths (composed
 * conv0, folded output layer, self-concatenation fold); and a wrongly converted kernel is caught.
 *
 * <p>Gradients: every parameter's within 1e-4 of its largest magnitude, as the issue asks, with
 * the batch statistics summed in float64 as PyTorch sums them ({@link DdpmProbe}); every failing
 * line is printed. A wrong layout moves gradients by far more (the swapped transposed kernel below:
 * those before it by up to 110 %).
 */
class TorchDdpmParityTest {
  /** Far past what float rounding moves a gradient by: what a wrong layout does. */
  private static final double PAST_A_KINK = 0.1;

  /** All 54 gradients within 1e-4 of their largest magnitude (worst 6.7e-6 of it). */
  @Test
  void theDefaultSizedNetworkMatchesPyTorch() {
    assertMatches(TorchDdpmFixtures.CPU, 54);
  }

  /** All 102 gradients within 1e-4 of their largest magnitude (worst 2.7e-5 of it). */
  @Test
  void theSeedsFullDepthAtSixtyFourPixelsMatchesPyTorch() {
    assertMatches(TorchDdpmFixtures.NARROW64, 102);
  }

  /**
   * ups.1.transform is a ConvTranspose2d(32, 32): its in and out have one size, so a kernel with
   * the two swapped still fits; only the numbers can tell. In the Java network it is folded with
   * the output layer.
   */
  @Test
  void aTransposedKernelWithInAndOutSwappedIsCaught() {
    List<ParityLine> wrong = checkTampered("unet/up1/transform/kernel", new int[] {4, 4, 32, 32},
        new int[] {0, 1, 3, 2});
    assertFalse(line(wrong, "eps_eval").passes());
    assertFalse(line(wrong, "x_prev").passes());
    assertFalse(line(wrong, "eps_train").passes());
    // the kernel's own gradient does not depend on the kernel; those of the layers before it do
    assertTrue(wrong.stream().anyMatch(l -> l.what().startsWith("grad ") && l.maxAbsDiff() > PAST_A_KINK * l.scale()));
  }

  /** A conv kernel with its rows and columns swapped ([kw, kh, in, out]), a mistake no shape shows. */
  @Test
  void aConvKernelWithItsAxesSwappedIsCaught() {
    List<ParityLine> wrong = checkTampered("unet/down1/conv2/kernel", new int[] {3, 3, 128, 128},
        new int[] {1, 0, 2, 3});
    assertFalse(line(wrong, "eps_eval").passes());
    assertFalse(line(wrong, "eps_train").passes());
  }

  private static void assertMatches(String fixture, int parameters) {
    List<ParityLine> lines = TorchDdpmParity.check(TorchDdpmFixtures.dir(fixture));
    print(fixture, lines);
    List<ParityLine> outputs = lines.subList(0, 4);
    List<ParityLine> grads = lines.subList(4, lines.size());
    assertEquals(List.of("eps_eval", "x_prev", "eps_train", "l1_loss"),
        outputs.stream().map(l -> l.what().split(" ")[0]).toList());
    outputs.forEach(l -> assertTrue(l.passes(), l::format));
    assertEquals(parameters, grads.size());
    // every parameter's gradient within 1e-4 of its largest magnitude: autograd's, through the fast paths
    grads.forEach(l -> assertTrue(l.passes() && l.scale() > 0, l::format));
  }

  /** The default-sized fixture with one Java variable permuted by {@code perm}. */
  private static List<ParityLine> checkTampered(String name, int[] shape, int[] perm) {
    Path dir = TorchDdpmFixtures.dir(TorchDdpmFixtures.CPU);
    DdpmGolden golden = DdpmGolden.read(dir);
    ImportedModel right = SimpleUnetImport.read(dir.resolve(TorchDdpmParity.MODEL_FILE), golden.size());
    Map<String, float[]> values = new LinkedHashMap<>(right.values());
    values.put(name, TensorLayout.permute(values.get(name), shape, perm));
    List<ParityLine> lines = TorchDdpmParity.check(new ImportedModel(right.config(), values, right.source()),
        golden, true);
    print(name + " permuted by " + Arrays.toString(perm), lines);
    return lines;
  }

  private static ParityLine line(List<ParityLine> lines, String what) {
    return lines.stream().filter(l -> l.what().equals(what)).findFirst().orElseThrow();
  }

  /** The outputs, the worst gradient, and every line past its tolerance. */
  private static void print(String title, List<ParityLine> lines) {
    System.out.printf("%s%n%s%n", title, ParityLine.header());
    ParityLine worst = null;
    for (ParityLine l : lines) {
      if (!l.what().startsWith("grad ")) {
        System.out.printf("%s%n", l.format());
      } else if (worst == null || l.maxAbsDiff() / l.scale() > worst.maxAbsDiff() / worst.scale()) {
        worst = l;
      }
    }
    List<ParityLine> failed = ParityLine.failures(lines);
    long grads = lines.stream().filter(l -> l.what().startsWith("grad ")).count();
    System.out.printf("gradients within tolerance: %d of %d; the worst, %.2g of its largest magnitude: %s%n",
        grads - failed.stream().filter(l -> l.what().startsWith("grad ")).count(), grads,
        worst.maxAbsDiff() / worst.scale(), worst.format());
    failed.forEach(l -> System.out.printf("  past tolerance: %s%n", l.format()));
  }
}
