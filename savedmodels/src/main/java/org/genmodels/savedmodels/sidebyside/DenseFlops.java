package org.genmodels.savedmodels.sidebyside;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.ae.AutoencoderNetwork;
import org.genmodels.ae.AutoencoderSettings;
import org.genmodels.vae.VaeNetwork;
import org.genmodels.vae.VaeSettings;

/**
 * The arithmetic of a dense model's training epoch, from its settings' layer widths: the
 * multiply-adds of one example's forward pass, {@code Σ in × out} over the dense layers, and the
 * floating-point operations of an epoch, {@code 6 × N × Σ in × out} — each layer's forward matmul
 * and its two backward matmuls (input and weight gradients), two operations per multiply-add.
 * Biases, activations, the loss and Adam are left out: they grow with {@code Σ out}, not
 * {@code Σ in × out}, and are a few percent at these widths. Divided by a measured SGEMM rate
 * this is the epoch's arithmetic limit, the time no implementation on that machine can beat.
 * Stateless.
 */
public final class DenseFlops {
  private DenseFlops() {
  }

  /**
   * Encoder {@code 784 → hidden… → code}, decoder mirrored to 784: at the defaults (256, 128; code
   * 20) {@code 472 064}.
   */
  public static long autoencoderMultiplyAdds(AutoencoderSettings s) {
    List<Integer> widths = new ArrayList<>();
    widths.add(AutoencoderNetwork.INPUT_SIZE);
    widths.addAll(s.hiddenSizes());
    widths.add(s.codeSize());
    return 2 * chain(widths);
  }

  /**
   * Encoder {@code 784 → hidden → zMean, zLogVar} (two heads of the latent size), decoder
   * {@code latent → hidden → 784}: at the defaults (hidden 128, latent 10) {@code 204 544}.
   */
  public static long vaeMultiplyAdds(VaeSettings s) {
    long in = VaeNetwork.INPUT_SIZE;
    long h = s.hiddenSize();
    long z = s.latentSize();
    return in * h + 2 * h * z + z * h + h * in;
  }

  /** {@code 6 × examples × multiplyAdds}: the forward and both backward matmuls of every layer. */
  public static double epochFlops(long multiplyAdds, long examples) {
    return 6.0 * examples * multiplyAdds;
  }

  private static long chain(List<Integer> widths) {
    long sum = 0;
    for (int i = 0; i + 1 < widths.size(); i++) {
      sum += (long) widths.get(i) * widths.get(i + 1);
    }
    return sum;
  }
}
