package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genmodels.cvae.CvaeNetwork;
import org.genmodels.cvae.CvaeSettings;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.nn.WeightInit;
import org.genmodels.shared.weights.PaddleStateDict;
import org.genmodels.shared.weights.WeightFile;

/**
 * Seed 002's Paddle conv VAE or conditional VAE ({@code P.save(encoder.state_dict(),
 * 'A_encoder_True.pdparams')} and the decoder's file) as this project's {@code cvae} model (NHWC),
 * conditional or not, latent size L and channels C read from the shapes, LeakyReLU slope 0.01 (the
 * seed's, Paddle's default). Paddle's layouts are PyTorch's; the seed's 1×1 convs are dense layers.
 * <pre>
 *   encoder conv_label  Conv2D(10, 784, 1) [784, 10, 1, 1] → encoder/label_map [10, 784]; output o is
 *                       pixel (o / 28, o % 28) of the label's channel in both (reshape [1, 28, 28])
 *           conv1       [C, 1 or 2, 4, 4]   → encoder/conv1 HWIO; channel 0 the image, 1 the label
 *           conv2       [2C, C, 4, 4]       → encoder/conv2 HWIO
 *           conv_mean   [L, 2C·49, 1, 1]    → encoder/z_mean [49·2C, L]; its input is the NCHW flatten
 *           conv_logvar                       of [2C, 7, 7], the Java dense's the NHWC flatten
 *   decoder conv1       [49C, L (+10), 1, 1] → decoder/fc [L (+10), 49C], input concat(z, one-hot);
 *                       output reshaped to NCHW [C, 7, 7] there, NHWC [7, 7, C] here
 *           conv2       ConvT [C, 2C, 4, 4]  → decoder/deconv1 [4, 4, 2C, C]
 *           conv3       ConvT [2C, C, 4, 4]  → decoder/deconv2 [4, 4, C, 2C]
 *           conv4       [1, C, 3, 3]         → decoder/conv_out HWIO
 * </pre>
 * Every key of both files is used exactly once. Stateless; thread-safe.
 */
public final class Seed002CvaeImport {
  /** The seed's LeakyReLU slope (Paddle's default). */
  static final float SLOPE = 0.01f;
  private static final int SMALL = CvaeNetwork.SIZE / 4;
  private static final int PIXELS = CvaeNetwork.SIZE * CvaeNetwork.SIZE;

  private Seed002CvaeImport() {
  }

  /**
   * The model of the encoder's and the decoder's Paddle state dicts.
   *
   * @throws UserException when a file cannot be read, the files are swapped, or either lacks an
   *                       array of the seed's network, has one it does not, or has one of another shape
   */
  public static ImportedModel read(Path encoderFile, Path decoderFile) {
    return of(PaddleStateDict.read(encoderFile), encoderFile.toString(), PaddleStateDict.read(decoderFile),
        decoderFile.toString());
  }

  /** The model of the arrays of the encoder's file and the decoder's, read from those sources. */
  public static ImportedModel of(WeightFile encoder, String encoderSource, WeightFile decoder, String decoderSource) {
    refuseSwapped(encoder, encoderSource, decoder, decoderSource);
    String encoderModel = "seed 002's CVAE encoder (conv_label, conv1, conv2, conv_mean, conv_logvar)";
    TakenWeights e = new TakenWeights(encoder, encoderSource, encoderModel);
    int[] conv1 = e.shape("conv1.weight", "[channels, 1 or 2, 4, 4]", 4);
    int c = conv1[0];
    int imageIn = conv1[1];
    if (c < 1 || (imageIn != 1 && imageIn != 2)) {
      throw new UserException(encoderSource + ": conv1.weight is " + Arrays.toString(conv1) + ", expected"
          + " [channels, 1 or 2, 4, 4] (2 when conditional: the image and the label's channel) for " + encoderModel);
    }
    boolean conditional = imageIn == 2;
    int flat = SMALL * SMALL * 2 * c;
    int latent = e.shape("conv_mean.weight", "[latent, " + flat + ", 1, 1]", 4)[0];
    if (latent < 2) {
      throw new UserException(encoderSource + ": conv_mean.weight gives a latent of " + latent
          + "; this project's CVAE needs at least 2");
    }
    String kind = conditional ? "conditional CVAE" : "unconditional conv VAE";
    e = new TakenWeights(encoder, encoderSource, "seed 002's " + kind + " encoder (latent " + latent
        + ", channels " + c + ")");

    Map<String, float[]> v = new LinkedHashMap<>();
    int classes = CvaeSettings.CLASSES;
    if (conditional) {
      v.put("encoder/label_map/kernel", TorchLayouts.linear(e.take("conv_label.weight", PIXELS, classes, 1, 1),
          PIXELS, classes));
      v.put("encoder/label_map/bias", e.take("conv_label.bias", PIXELS));
    }
    v.put("encoder/conv1/kernel", TorchLayouts.conv(e.take("conv1.weight", c, imageIn, 4, 4), c, imageIn, 4, 4));
    v.put("encoder/conv1/bias", e.take("conv1.bias", c));
    v.put("encoder/conv2/kernel", TorchLayouts.conv(e.take("conv2.weight", 2 * c, c, 4, 4), 2 * c, c, 4, 4));
    v.put("encoder/conv2/bias", e.take("conv2.bias", 2 * c));
    v.put("encoder/z_mean/kernel", TorchLayouts.denseFromChw(e.take("conv_mean.weight", latent, flat, 1, 1),
        latent, 2 * c, SMALL, SMALL));
    v.put("encoder/z_mean/bias", e.take("conv_mean.bias", latent));
    v.put("encoder/z_log_var/kernel", TorchLayouts.denseFromChw(e.take("conv_logvar.weight", latent, flat, 1, 1),
        latent, 2 * c, SMALL, SMALL));
    v.put("encoder/z_log_var/bias", e.take("conv_logvar.bias", latent));
    e.finish();

    TakenWeights d = new TakenWeights(decoder, decoderSource, "seed 002's " + kind + " decoder (latent " + latent
        + ", channels " + c + ", as its encoder " + encoderSource + ")");
    int in = latent + (conditional ? classes : 0);
    int wide = SMALL * SMALL * c;
    v.put("decoder/fc/kernel", TorchLayouts.denseToChw(d.take("conv1.weight", wide, in, 1, 1), in, c, SMALL, SMALL));
    v.put("decoder/fc/bias", TorchLayouts.biasToChw(d.take("conv1.bias", wide), c, SMALL, SMALL));
    v.put("decoder/deconv1/kernel", TorchLayouts.convTranspose(d.take("conv2.weight", c, 2 * c, 4, 4), c, 2 * c, 4, 4));
    v.put("decoder/deconv1/bias", d.take("conv2.bias", 2 * c));
    v.put("decoder/deconv2/kernel", TorchLayouts.convTranspose(d.take("conv3.weight", 2 * c, c, 4, 4), 2 * c, c, 4, 4));
    v.put("decoder/deconv2/bias", d.take("conv3.bias", c));
    v.put("decoder/conv_out/kernel", TorchLayouts.conv(d.take("conv4.weight", 1, c, 3, 3), 1, c, 3, 3));
    v.put("decoder/conv_out/bias", d.take("conv4.bias", 1));
    d.finish();
    return new ImportedModel(settings(conditional, latent, c).config(), v, encoderSource + " and " + decoderSource);
  }

  /** Seed 002's settings with this network (Paddle's initialization named, as the seed's). */
  static CvaeSettings settings(boolean conditional, int latent, int channels) {
    return CvaeSettings.builder().conditional(conditional).latentSize(latent).channels(channels).slope(SLOPE)
        .init(WeightInit.PADDLE).build();
  }

  /** A decoder's file given as the encoder (or the other way round) gets a message that says so. */
  private static void refuseSwapped(WeightFile encoder, String encoderSource, WeightFile decoder,
      String decoderSource) {
    boolean encoderIsDecoder = encoder.get("conv4.weight").isPresent() && encoder.get("conv_mean.weight").isEmpty();
    boolean decoderIsEncoder = decoder.get("conv_mean.weight").isPresent() && decoder.get("conv4.weight").isEmpty();
    if (encoderIsDecoder || decoderIsEncoder) {
      throw new UserException((encoderIsDecoder ? encoderSource + ", given as the encoder, is seed 002's decoder"
          + " (conv4.weight, no conv_mean.weight)" : decoderSource + ", given as the decoder, is seed 002's encoder"
          + " (conv_mean.weight, no conv4.weight)") + ": give the encoder's file (A_encoder_*.pdparams) first and"
          + " the decoder's (A_decoder_*.pdparams) second");
    }
  }
}
