package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.weights.TorchStateDict;
import org.genmodels.shared.weights.WeightFile;
import org.genmodels.vae.VaeNetwork;
import org.genmodels.vae.VaePreset;
import org.genmodels.vae.VaeSettings;

/**
 * Seed 004's PyTorch VAE ({@code torch.save(model.state_dict(), 'best_model_mnist')}) as this
 * project's VAE with the {@code seed004} preset's settings (Bernoulli decoder, BCE and KL summed per
 * image), its hidden and latent sizes read from the shapes:
 * <pre>
 *   encoder.0  Linear(784, H)   [H, 784]   → encoder/fc1        kernel [784, H]
 *   encoder.2  Linear(H, 2L)    [2L, H]    → rows 0..L-1:  encoder/z_mean    kernel [H, L]
 *                                            rows L..2L-1: encoder/z_log_var kernel [H, L]
 *                                            (the seed's {@code mu, logvar = h.chunk(2, dim=1)})
 *   decoder.0  Linear(L, H)     [H, L]     → decoder/fc4        kernel [L, H]
 *   decoder.2  Linear(H, 784)   [784, H]   → decoder/fc5        kernel [H, 784]
 * </pre>
 * The seed's final {@code Sigmoid} has no weights: the Java decoder emits logits and applies it
 * after. Stateless; thread-safe.
 */
public final class Seed004VaeImport {
  /** What the file must hold, for messages. */
  static final String MODEL = "seed 004's VAE (encoder.0, encoder.2, decoder.0, decoder.2 of nn.Linear)";

  private Seed004VaeImport() {
  }

  /**
   * The VAE of the PyTorch state dict in {@code file}.
   *
   * @throws UserException when the file cannot be read as a state dict, or lacks an array of the
   *                       seed's VAE, has one it does not, or has one of another shape
   */
  public static ImportedModel read(Path file) {
    return of(TorchStateDict.read(file), file.toString());
  }

  /** The VAE of the arrays in {@code weights}, read from {@code source}. */
  public static ImportedModel of(WeightFile weights, String source) {
    TakenWeights w = new TakenWeights(weights, source, MODEL);
    int n = VaeNetwork.INPUT_SIZE;
    int hidden = w.shape("encoder.0.weight", "[hidden, " + n + "]", 2)[0];
    int twoL = w.shape("encoder.2.weight", "[2 * latent, " + hidden + "]", 2)[0];
    if (hidden < 1) {
      throw new UserException(source + ": encoder.0.weight has no rows (hidden size 0) for " + MODEL);
    }
    if (twoL % 2 != 0 || twoL == 0) {
      throw new UserException(source + ": encoder.2.weight has " + twoL + " rows, expected an even number (mu and"
          + " logvar, chunk(2)) for " + MODEL);
    }
    int latent = twoL / 2;

    float[] fc1 = w.take("encoder.0.weight", hidden, n);
    float[] fc1Bias = w.take("encoder.0.bias", hidden);
    float[] head = w.take("encoder.2.weight", twoL, hidden);
    float[] headBias = w.take("encoder.2.bias", twoL);
    float[] fc4 = w.take("decoder.0.weight", hidden, latent);
    float[] fc4Bias = w.take("decoder.0.bias", hidden);
    float[] fc5 = w.take("decoder.2.weight", n, hidden);
    float[] fc5Bias = w.take("decoder.2.bias", n);
    w.finish();

    int half = latent * hidden;
    Map<String, float[]> values = new LinkedHashMap<>();
    values.put("encoder/fc1/kernel", TorchLayouts.linear(fc1, hidden, n));
    values.put("encoder/fc1/bias", fc1Bias);
    values.put("encoder/z_mean/kernel", TorchLayouts.linear(Arrays.copyOfRange(head, 0, half), latent, hidden));
    values.put("encoder/z_mean/bias", Arrays.copyOfRange(headBias, 0, latent));
    values.put("encoder/z_log_var/kernel",
        TorchLayouts.linear(Arrays.copyOfRange(head, half, 2 * half), latent, hidden));
    values.put("encoder/z_log_var/bias", Arrays.copyOfRange(headBias, latent, twoL));
    values.put("decoder/fc4/kernel", TorchLayouts.linear(fc4, hidden, latent));
    values.put("decoder/fc4/bias", fc4Bias);
    values.put("decoder/fc5/kernel", TorchLayouts.linear(fc5, n, hidden));
    values.put("decoder/fc5/bias", fc5Bias);
    return new ImportedModel(settings(hidden, latent).config(), values, source);
  }

  /** The {@code seed004} preset with these sizes. */
  static VaeSettings settings(int hidden, int latent) {
    return VaePreset.SEED004.settings().hiddenSize(hidden).latentSize(latent).build();
  }
}
