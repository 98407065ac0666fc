package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.genmodels.diffusion.DiffusionSettings;
import org.genmodels.diffusion.SimpleUnet;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * The Java DDPM against PyTorch on a fixture folder ({@code ../shared/fixtures/pytorch/README.md}):
 * {@code DIR/model.pt} (seed 004's SimpleUnet state dict) is imported with
 * {@link SimpleUnetImport} at the image size of {@code DIR/golden/x_t.npy}, the Java network is
 * built with those weights (the training graph's own fast paths: the composed conv0, the folded
 * output layer, the self-concatenation fold) and run on the golden inputs ({@link DdpmProbe}):
 * <ul>
 *   <li>{@code eps_eval}, {@code x_prev}, {@code eps_train} within {@link #OUTPUT_TOLERANCE} absolute;</li>
 *   <li>{@code l1_loss}, the seed's loss, against the same loss of PyTorch's {@code eps_train};</li>
 *   <li>{@code grad <key>}: the Java graph's {@code tf.gradients} of that loss for every trainable
 *       variable, in PyTorch's layout, against autograd's in {@code golden_grads.npz}, within
 *       {@link #GRADIENT_RELATIVE} times the largest magnitude of autograd's gradient.</li>
 * </ul>
 * The gradients pass every ReLU of the network, and a ReLU input that lies closer to 0 than the
 * two frameworks' difference may sit on the other side in Java, which moves the gradient of every
 * parameter before it in backprop by about 1 %. So the batch statistics are summed in float64, as
 * PyTorch sums them on a CPU ({@code BatchNorm.Mode.TRAINING_FLOAT64_STATISTICS}): summed in
 * float32 by TF's fused kernel (what training uses, for speed), {@code eps_train} is 3e-5 from a
 * float64 forward pass where PyTorch's is 2.4e-6, one element of seed004_ddpm_narrow64
 * (ups.2.conv2, image 0, row 7, column 9, channel 7: −1.5e-5 in float64, +1.2e-5 in Java) flips,
 * and 84 of its 102 gradients differ by 0.8–4.4 % of their largest magnitude. Even so, an input
 * may lie within float rounding of 0, where the CPU's rounding picks its side (that fixture's
 * {@code downs.3.conv1}: 9e-8 from 0 on an AVX-512 Xeon, against a largest magnitude of 1.6). When
 * every gradient past its tolerance lies behind one such ReLU and the outputs are within theirs,
 * those gradients are held within {@link #BEHIND_A_KINK} instead, and their lines name the ReLU
 * ({@link #acrossAKink}). Stateless and thread-safe; each check builds and closes its own graph.
 */
public final class TorchDdpmParity {
  /** The state dict's file name in a fixture folder. */
  public static final String MODEL_FILE = "model.pt";
  /** Largest absolute difference of the network's outputs and the reverse step. */
  public static final double OUTPUT_TOLERANCE = 1e-4;
  /** Largest difference of a gradient, relative to the largest magnitude of autograd's gradient. */
  public static final double GRADIENT_RELATIVE = 1e-4;
  /**
   * The tolerance of a gradient behind a ReLU input at the kink, relative to the largest
   * magnitude of autograd's gradient: above the 5.9 % by which one element on the other side
   * moved the full-depth fixture's gradients on an AVX-512 Xeon, below what a wrong layout does
   * (up to 110 %).
   */
  public static final double BEHIND_A_KINK = 0.1;

  private TorchDdpmParity() {
  }

  /**
   * Every comparison for the fixture folder {@code dir}: outputs first, then one gradient line
   * per parameter in state-dict order.
   *
   * @throws org.genmodels.shared.cli.UserException when a file is missing or unreadable, or the
   *         state dict is not the seed's SimpleUnet
   */
  public static List<ParityLine> check(Path dir) {
    return checked(dir).lines();
  }

  /** {@link #check(Path)}, with the ReLUs the gradients were judged by. */
  static Checked checked(Path dir) {
    DdpmGolden golden = DdpmGolden.read(dir);
    ImportedModel model = SimpleUnetImport.read(dir.resolve(MODEL_FILE), golden.size());
    return checked(model, golden, true);
  }

  /**
   * The comparisons of {@code model} (however it was imported) with {@code golden}; without
   * {@code gradients}, the outputs only (faster).
   */
  static List<ParityLine> check(ImportedModel model, DdpmGolden golden, boolean gradients) {
    return checked(model, golden, gradients).lines();
  }

  /**
   * What {@link #check} found.
   *
   * @param lines the outputs' lines, then one per parameter in state-dict order
   * @param kinks the ReLUs of the training pass, measured on the golden inputs (empty without gradients)
   */
  record Checked(List<ParityLine> lines, List<ReluKinks.Kink> kinks) {
  }

  /** {@link #check}, with the ReLUs the gradients were judged by. */
  static Checked checked(ImportedModel model, DdpmGolden golden, boolean gradients) {
    DiffusionSettings s = DiffusionSettings.defaults().withConfig(model.config());
    DdpmProbe.Outputs out;
    List<ReluKinks.Kink> kinks;
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(new Seeds(s.seed()));
      SimpleUnet unet = SimpleUnet.create(tf, params, s.unet());
      DdpmProbe probe = DdpmProbe.build(tf, unet, s.diffusion(), params, gradients);
      model.assignTo(session, params);
      out = probe.run(session, golden);
      kinks = gradients ? probe.kinks(session, golden) : List.of();
    }
    List<ParityLine> lines = new ArrayList<>();
    lines.add(ParityLine.absolute("eps_eval", out.epsEval(), golden.epsEval(), OUTPUT_TOLERANCE));
    lines.add(ParityLine.absolute("x_prev", out.xPrev(), golden.xPrev(), OUTPUT_TOLERANCE));
    lines.add(ParityLine.absolute("eps_train", out.epsTrain(), golden.epsTrain(), OUTPUT_TOLERANCE));
    lines.add(ParityLine.absolute("l1_loss" + otherSide(out, golden), new float[] {out.loss()},
        new float[] {l1(golden)}, OUTPUT_TOLERANCE));
    if (!gradients) {
      return new Checked(lines, kinks);
    }
    Set<String> unmatched = new LinkedHashSet<>(golden.grads().keySet());
    Map<String, ParityLine> byVariable = new LinkedHashMap<>();
    for (SimpleUnetImport.Entry e : SimpleUnetImport.entries(s.unet())) {
      float[] java = e.javaName() == null ? null : out.grads().get(e.javaName());
      if (java == null) {
        continue;
      }
      unmatched.remove(e.torchKey());
      float[] expected = golden.grads().get(e.torchKey());
      byVariable.put(e.javaName(), expected == null
          ? new ParityLine("grad " + e.torchKey() + " (not in golden_grads.npz)", Double.POSITIVE_INFINITY, 0, 0)
          : ParityLine.relative("grad " + e.torchKey(), e.toTorch(java), expected, GRADIENT_RELATIVE));
    }
    lines.addAll(acrossAKink(List.copyOf(lines), byVariable, kinks).values());
    for (String key : unmatched) {
      lines.add(new ParityLine("grad " + key + " (no Java variable has it)", Double.POSITIVE_INFINITY, 0, 0));
    }
    return new Checked(lines, kinks);
  }

  /**
   * The gradient lines, the ones past their tolerance judged again within {@link #BEHIND_A_KINK}
   * of their largest magnitude when every one of them lies behind one ReLU whose input comes
   * within rounding of 0 ({@link ReluKinks.Kink#atTheKink}), and every output is within its
   * tolerance: the signature of one element on the other side of that ReLU's kink (see
   * {@link ReluKinks}), which moves those gradients and nothing else. Where several ReLUs would
   * do, the one with the fewest variables behind it: the earliest in the forward pass, whose
   * variables are the ones that moved (every ReLU after it has those and more behind it). Such a
   * line names the ReLU and the input's distance from 0. Otherwise the lines are returned as they are.
   *
   * @param outputs the outputs' lines
   * @param grads   the gradients' lines, by the variable (op name) they check
   */
  static Map<String, ParityLine> acrossAKink(List<ParityLine> outputs, Map<String, ParityLine> grads,
      List<ReluKinks.Kink> kinks) {
    Set<String> failing = grads.entrySet().stream().filter(e -> !e.getValue().passes()).map(Map.Entry::getKey)
        .collect(Collectors.toSet());
    Optional<ReluKinks.Kink> kink = kinks.stream().filter(ReluKinks.Kink::atTheKink)
        .filter(k -> k.behind().containsAll(failing)).min(Comparator.comparingInt(k -> k.behind().size()));
    if (failing.isEmpty() || !ParityLine.failures(outputs).isEmpty() || kink.isEmpty()) {
      return grads;
    }
    String behind = String.format(Locale.ROOT, " (behind %s, an input %.1e from 0)", kink.get().relu(),
        kink.get().nearest());
    Map<String, ParityLine> judged = new LinkedHashMap<>();
    grads.forEach((name, l) -> judged.put(name, l.passes() || l.scale() == 0 ? l
        : new ParityLine(l.what() + behind, l.maxAbsDiff(), BEHIND_A_KINK * l.scale(), l.scale())));
    return judged;
  }

  /**
   * How many elements of the Java {@code eps_train} lie on the other side of the noise than
   * PyTorch's, where the L1 loss's derivative flips (see {@link DdpmProbe}), as a note; empty when none.
   */
  private static String otherSide(DdpmProbe.Outputs out, DdpmGolden g) {
    float[] noise = TensorLayout.permute(g.noise(), new int[] {g.batch(), g.size(), g.size(), g.channels()},
        TensorLayout.NHWC_TO_NCHW);
    int flipped = 0;
    for (int i = 0; i < noise.length; i++) {
      if (Math.signum(noise[i] - out.epsTrain()[i]) != Math.signum(noise[i] - g.epsTrain()[i])) {
        flipped++;
      }
    }
    return flipped == 0 ? "" : " (" + flipped + " of " + noise.length + " eps_train across the noise from PyTorch's)";
  }

  /** The seed's loss, {@code F.l1_loss(noise, eps_train)}, of PyTorch's own {@code eps_train}. */
  private static float l1(DdpmGolden g) {
    int[] nhwc = {g.batch(), g.size(), g.size(), g.channels()};
    float[] noise = TensorLayout.permute(g.noise(), nhwc, TensorLayout.NHWC_TO_NCHW);
    double sum = 0;
    for (int i = 0; i < noise.length; i++) {
      sum += Math.abs((double) noise[i] - g.epsTrain()[i]);
    }
    return (float) (sum / noise.length);
  }
}
