package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genmodels.ae.AutoencoderNetwork;
import org.genmodels.ae.AutoencoderSettings;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.weights.KerasH5;
import org.genmodels.shared.weights.WeightFile;
import org.genmodels.vae.VaeSettings;

/**
 * Imports the seed's Keras models from a Keras weights file ({@code model.save_weights('x.h5')},
 * read by {@link KerasH5}) into this project's AE and VAE, whenever the file's layers fit:
 *
 * <ul>
 *   <li>{@code AE.py}'s {@code AE}: two {@code Sequential} attributes, encoder Dense 784 → 256 →
 *       128 → 20 and decoder 20 → 128 → 256 → 784. Keras writes one group per Sequential
 *       ({@code sequential}, {@code sequential_1}; {@code sequential_1}, {@code sequential_2} in
 *       Keras 2.1) holding its Dense layers' kernels and biases in order. Any depth and widths
 *       import, as long as the decoder mirrors the encoder as the Java AE's does:
 *       {@code encoder/dense_i}, {@code encoder/code}, {@code decoder/dense_i}, {@code decoder/logits}.
 *   <li>{@code VAE.py}'s {@code VAE}: five Dense attributes {@code fc1} … {@code fc5}, written in
 *       that order (their Keras names are {@code dense} … {@code dense_4}):
 *       {@code encoder/fc1}, {@code encoder/z_mean} ← fc2, {@code encoder/z_log_var} ← fc3,
 *       {@code decoder/fc4}, {@code decoder/fc5}.
 * </ul>
 *
 * Layers are matched by their order in the file and their shapes, never by their names; the
 * widths, code size and latent size are read from the shapes. Keras' Dense kernel {@code [in, out]}
 * is the Java layout, so values are copied unchanged. The settings besides the sizes are the seed
 * script's ({@link AutoencoderSettings#defaults()}, {@link VaeSettings#defaults()}). A file whose
 * layers do not fit — another kind of layer, another count, a shape that breaks the chain — is a
 * {@link UserException} naming the layer, its shape, the shape the model needs, and listing every
 * layer of the file. Stateless and thread-safe.
 */
public final class KerasSeedImport {
  private static final int PIXELS = AutoencoderNetwork.INPUT_SIZE;
  private static final String AE_MODEL = "seed 000's AE (AE.py: Dense layers 784 → 256 → 128 → 20 in the encoder,"
      + " mirrored back to 784 in the decoder; the widths may differ and are read from the file)";
  private static final String VAE_MODEL = "seed 000's VAE (VAE.py: five Dense layers fc1 [784, hidden],"
      + " fc2 = z_mean [hidden, latent], fc3 = z_log_var [hidden, latent], fc4 [latent, hidden], fc5 [hidden, 784])";

  private KerasSeedImport() {
  }

  /**
   * Reads the Keras file {@code file} and imports it as the model {@code model}: {@code ae}
   * ({@link AutoencoderSettings#MODEL}) or {@code vae} ({@link VaeSettings#MODEL}).
   *
   * @throws UserException when the file cannot be read, the model is neither, or the layers do not fit
   */
  public static ImportedModel fromFile(Path file, String model) {
    WeightFile weights = KerasH5.read(file);
    return switch (model) {
      case AutoencoderSettings.MODEL -> aeFrom(weights, file.toString());
      case VaeSettings.MODEL -> vaeFrom(weights, file.toString());
      default -> throw new UserException("a Keras file imports as the seed's ae or vae, not '" + model + "'");
    };
  }

  /**
   * {@code AE.py}'s model from {@code weights}; {@code source} names the file in messages.
   *
   * @throws UserException when the layers do not fit
   */
  public static ImportedModel aeFrom(WeightFile weights, String source) {
    List<KerasLayer> layers = KerasLayer.of(weights);
    requireDense(layers, source, AE_MODEL);
    int n = layers.size();
    if (n < 4 || n % 2 != 0) {
      throw misfit(source, AE_MODEL, layers, "it holds " + n + " Dense layer" + (n == 1 ? "" : "s") + ", but the"
          + " AE has an even number, at least 4: as many in the encoder as in the mirrored decoder (AE.py: 3 + 3)");
    }
    int half = n / 2;
    List<Integer> widths = new ArrayList<>();
    int in = PIXELS;
    for (int i = 0; i < half; i++) {
      KerasLayer layer = layers.get(i);
      int[] k = layer.kernelShape();
      if (k[0] != in) {
        String role = i == 0 ? "the encoder's first layer takes the 784 pixels"
            : "the encoder's layer " + (i + 1) + " takes the " + in + " outputs of its layer " + i;
        throw misfit(source, AE_MODEL, layers, layer.path() + " has kernel " + KerasLayer.shape(k) + ", but " + role
            + ": kernel [" + in + ", width]");
      }
      widths.add(k[1]);
      in = k[1];
    }
    List<Integer> hidden = widths.subList(0, half - 1);
    int code = widths.get(half - 1);
    Map<String, float[]> values = new LinkedHashMap<>();
    for (int i = 0; i < half; i++) {
      KerasLayer layer = layers.get(i);
      put(values, "encoder/" + (i < half - 1 ? "dense_" + i : "code"), layer);
    }
    for (int k = 0; k < half; k++) {
      KerasLayer layer = layers.get(half + k);
      int from = k == 0 ? code : hidden.get(half - 1 - k);
      int to = k == half - 1 ? PIXELS : hidden.get(half - 2 - k);
      String role = k == half - 1 ? "the decoder's last layer gives the 784 logits"
          : "the decoder's layer " + (k + 1) + " mirrors the encoder's layer " + (half - k);
      requireKernel(layer, new int[] {from, to}, role, source, AE_MODEL, layers);
      put(values, "decoder/" + (k < half - 1 ? "dense_" + k : "logits"), layer);
    }
    AutoencoderSettings settings = AutoencoderSettings.builder().hiddenSizes(hidden).codeSize(code).build();
    return new ImportedModel(settings.config(), values, source);
  }

  /**
   * {@code VAE.py}'s model from {@code weights}; {@code source} names the file in messages.
   *
   * @throws UserException when the layers do not fit
   */
  public static ImportedModel vaeFrom(WeightFile weights, String source) {
    List<KerasLayer> layers = KerasLayer.of(weights);
    requireDense(layers, source, VAE_MODEL);
    if (layers.size() != 5) {
      throw misfit(source, VAE_MODEL, layers, "it holds " + layers.size() + " Dense layer"
          + (layers.size() == 1 ? "" : "s") + ", but the VAE has 5");
    }
    int[] first = layers.get(0).kernelShape();
    if (first[0] != PIXELS) {
      throw misfit(source, VAE_MODEL, layers, layers.get(0).path() + " has kernel " + KerasLayer.shape(first)
          + ", but fc1 takes the 784 pixels: kernel [784, hidden]");
    }
    int hidden = first[1];
    int[] mean = layers.get(1).kernelShape();
    if (mean[0] != hidden) {
      throw misfit(source, VAE_MODEL, layers, layers.get(1).path() + " has kernel " + KerasLayer.shape(mean)
          + ", but fc2 (z_mean) takes fc1's " + hidden + " outputs: kernel [" + hidden + ", latent]");
    }
    int latent = mean[1];
    requireKernel(layers.get(2), new int[] {hidden, latent}, "fc3 (z_log_var) has z_mean's shape", source,
        VAE_MODEL, layers);
    requireKernel(layers.get(3), new int[] {latent, hidden}, "fc4 maps the latent back to fc1's width", source,
        VAE_MODEL, layers);
    requireKernel(layers.get(4), new int[] {hidden, PIXELS}, "fc5 gives the 784 logits", source, VAE_MODEL, layers);
    Map<String, float[]> values = new LinkedHashMap<>();
    String[] java = {"encoder/fc1", "encoder/z_mean", "encoder/z_log_var", "decoder/fc4", "decoder/fc5"};
    for (int i = 0; i < java.length; i++) {
      put(values, java[i], layers.get(i));
    }
    VaeSettings settings = VaeSettings.defaults().toBuilder().hiddenSize(hidden).latentSize(latent).build();
    return new ImportedModel(settings.config(), values, source);
  }

  private static void put(Map<String, float[]> values, String javaLayer, KerasLayer layer) {
    values.put(javaLayer + "/kernel", layer.kernel());
    values.put(javaLayer + "/bias", layer.bias());
  }

  private static void requireDense(List<KerasLayer> layers, String source, String model) {
    for (KerasLayer layer : layers) {
      if (!layer.isDense()) {
        throw misfit(source, model, layers, "its layer " + layer.describe() + " is not a Dense layer: the model has"
            + " Dense layers only, each a float kernel [in, out] followed by a bias [out]");
      }
    }
  }

  private static void requireKernel(KerasLayer layer, int[] expected, String role, String source, String model,
      List<KerasLayer> layers) {
    int[] k = layer.kernelShape();
    if (k[0] != expected[0] || k[1] != expected[1]) {
      throw misfit(source, model, layers, layer.path() + " has kernel " + KerasLayer.shape(k) + ", but " + role
          + ": kernel " + KerasLayer.shape(expected));
    }
  }

  private static UserException misfit(String source, String model, List<KerasLayer> layers, String why) {
    return new UserException(source + " does not fit " + model + ": " + why + ". The file's layers, in order: "
        + KerasLayer.describeAll(layers) + ".");
  }
}
