package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * and 84 of its 102 gradients differ by 0.8–4.4 % of their largest magnitude. Stateless and
 * thread-safe; each check builds and closes its own graph.
 */
public final class TorchDdpmParity {
  /** The state dict's file name in a fixture folder. */
  public static final String MODEL_FILE = "model.pt";
  /** Largest absolute difference of the network's outputs and the reverse step. */
  public static final double OUTPUT_TOLERANCE = 1e-4;
  /** Largest difference of a gradient, relative to the largest magnitude of autograd's gradient. */
  public static final double GRADIENT_RELATIVE = 1e-4;

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
    DdpmGolden golden = DdpmGolden.read(dir);
    ImportedModel model = SimpleUnetImport.read(dir.resolve(MODEL_FILE), golden.size());
    return check(model, golden, true);
  }

  /**
   * The comparisons of {@code model} (however it was imported) with {@code golden}; without
   * {@code gradients}, the outputs only (faster).
   */
  static List<ParityLine> check(ImportedModel model, DdpmGolden golden, boolean gradients) {
    DiffusionSettings s = DiffusionSettings.defaults().withConfig(model.config());
    DdpmProbe.Outputs out;
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(new Seeds(s.seed()));
      SimpleUnet unet = SimpleUnet.create(tf, params, s.unet());
      DdpmProbe probe = DdpmProbe.build(tf, unet, s.diffusion(), params, gradients);
      model.assignTo(session, params);
      out = probe.run(session, golden);
    }
    List<ParityLine> lines = new ArrayList<>();
    lines.add(ParityLine.absolute("eps_eval", out.epsEval(), golden.epsEval(), OUTPUT_TOLERANCE));
    lines.add(ParityLine.absolute("x_prev", out.xPrev(), golden.xPrev(), OUTPUT_TOLERANCE));
    lines.add(ParityLine.absolute("eps_train", out.epsTrain(), golden.epsTrain(), OUTPUT_TOLERANCE));
    lines.add(ParityLine.absolute("l1_loss" + otherSide(out, golden), new float[] {out.loss()},
        new float[] {l1(golden)}, OUTPUT_TOLERANCE));
    if (!gradients) {
      return lines;
    }
    Set<String> unmatched = new LinkedHashSet<>(golden.grads().keySet());
    for (SimpleUnetImport.Entry e : SimpleUnetImport.entries(s.unet())) {
      float[] java = e.javaName() == null ? null : out.grads().get(e.javaName());
      if (java == null) {
        continue;
      }
      unmatched.remove(e.torchKey());
      float[] expected = golden.grads().get(e.torchKey());
      if (expected == null) {
        lines.add(new ParityLine("grad " + e.torchKey() + " (not in golden_grads.npz)", Double.POSITIVE_INFINITY,
            0, 0));
      } else {
        lines.add(ParityLine.relative("grad " + e.torchKey(), e.toTorch(java), expected,
            GRADIENT_RELATIVE));
      }
    }
    for (String key : unmatched) {
      lines.add(new ParityLine("grad " + key + " (no Java variable has it)", Double.POSITIVE_INFINITY, 0, 0));
    }
    return lines;
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
