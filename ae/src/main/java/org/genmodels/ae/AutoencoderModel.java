package org.genmodels.ae;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.nn.Activation;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.nn.Dense;
import org.genmodels.shared.nn.ImageInput;
import org.genmodels.shared.nn.Losses;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The graph of the dense autoencoder of the seed's {@code AE.py} (MODELS.md §1), an undercomplete
 * autoencoder in the sense of Hinton &amp; Salakhutdinov (2006):
 * encoder {@code 784 → 256 relu → 128 relu → 20} (a linear code), decoder
 * {@code 20 → 128 relu → 256 relu → 784} logits; loss the mean binary cross-entropy of the
 * input against the logits over all pixels and examples. Layer widths come from the settings.
 *
 * <p>The decoder is applied twice with shared weights: to the encoder's code (training,
 * reconstruction) and to the fed code {@code z} (decoding).
 *
 * @param input          the images: raw bytes {@code pixels} or floats {@code x} {@code [B, 784]} in [0, 1]
 * @param code           the code of {@code x}, {@code [B, codeSize]} ({@code h} in the seed)
 * @param logits         decoder logits for {@code x}, {@code [B, 784]} ({@code x_rec_logits})
 * @param reconstruction {@code sigmoid(logits)}, {@code [B, 784]} ({@code x_hat})
 * @param loss           scalar mean BCE ({@code rec_loss})
 * @param z              a fed code {@code [B, codeSize]}, placeholder {@code z}
 * @param decoded        {@code sigmoid(decoder(z))}, {@code [B, 784]}
 * @param params         the model's variables
 */
public record AutoencoderModel(ImageInput input, Operand<TFloat32> code,
                               Operand<TFloat32> logits, Operand<TFloat32> reconstruction,
                               Operand<TFloat32> loss, Placeholder<TFloat32> z,
                               Operand<TFloat32> decoded, Parameters params) {

  /** Pixels of a flattened 28×28 image. */
  public static final int INPUT_SIZE = 784;

  /** Builds the model into {@code tf}'s graph, weights seeded from {@code seeds}. */
  public static AutoencoderModel build(Ops tf, List<Integer> hiddenSizes, int codeSize, Seeds seeds) {
    Parameters params = new Parameters(seeds);
    ImageInput input = ImageInput.create(tf, PixelRange.UNIT, INPUT_SIZE);
    Operand<TFloat32> x = input.x();
    Placeholder<TFloat32> z = tf.withName("z").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, codeSize)));

    Ops enc = tf.withSubScope("encoder");
    List<Dense> encoder = new ArrayList<>();
    long width = INPUT_SIZE;
    for (int i = 0; i < hiddenSizes.size(); i++) {
      encoder.add(Dense.create(enc, params, "dense_" + i, width, hiddenSizes.get(i), Activation.RELU));
      width = hiddenSizes.get(i);
    }
    encoder.add(Dense.create(enc, params, "code", width, codeSize, Activation.LINEAR));

    Ops dec = tf.withSubScope("decoder");
    List<Dense> decoder = new ArrayList<>();
    width = codeSize;
    for (int i = hiddenSizes.size() - 1, k = 0; i >= 0; i--, k++) {
      decoder.add(Dense.create(dec, params, "dense_" + k, width, hiddenSizes.get(i), Activation.RELU));
      width = hiddenSizes.get(i);
    }
    decoder.add(Dense.create(dec, params, "logits", width, INPUT_SIZE, Activation.LINEAR));

    Operand<TFloat32> code = tf.withName("code").identity(apply(enc, encoder, x));
    Operand<TFloat32> logits = apply(dec, decoder, code);
    Operand<TFloat32> reconstruction = tf.withName("reconstruction").math.sigmoid(logits);
    Operand<TFloat32> loss = tf.withName("loss").identity(Losses.bceMean(tf, x, logits));
    Operand<TFloat32> decoded = tf.withName("decoded").math.sigmoid(apply(dec, decoder, z));
    return new AutoencoderModel(input, code, logits, reconstruction, loss, z, decoded, params);
  }

  private static Operand<TFloat32> apply(Ops tf, List<Dense> layers, Operand<TFloat32> input) {
    Operand<TFloat32> h = input;
    for (Dense layer : layers) {
      h = layer.apply(tf, h);
    }
    return h;
  }
}
