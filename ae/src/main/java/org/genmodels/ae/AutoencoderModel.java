package org.genmodels.ae;

import java.util.List;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.nn.ImageInput;
import org.genmodels.shared.nn.Losses;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Precision;
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
 * <p>The layers are an {@link AutoencoderNetwork}; the decoder is applied twice with shared
 * weights: to the encoder's code (training, reconstruction) and to the fed code {@code z}
 * (decoding).
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
  public static final int INPUT_SIZE = AutoencoderNetwork.INPUT_SIZE;

  /** Builds the float32 model into {@code tf}'s graph, weights seeded from {@code seeds}. */
  public static AutoencoderModel build(Ops tf, List<Integer> hiddenSizes, int codeSize, Seeds seeds) {
    return build(tf, hiddenSizes, codeSize, Precision.FP32, seeds);
  }

  /**
   * Builds the model into {@code tf}'s graph, its layers multiplying in {@code precision}
   * (variables, loss and gradients float32 either way), weights seeded from {@code seeds}.
   */
  public static AutoencoderModel build(Ops tf, List<Integer> hiddenSizes, int codeSize, Precision precision,
      Seeds seeds) {
    Parameters params = new Parameters(seeds);
    ImageInput input = ImageInput.create(tf, PixelRange.UNIT, INPUT_SIZE);
    Operand<TFloat32> x = input.x();
    Placeholder<TFloat32> z = tf.withName("z").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, codeSize)));

    AutoencoderNetwork network = AutoencoderNetwork.create(tf, params, hiddenSizes, codeSize, precision);

    Operand<TFloat32> code = tf.withName("code").identity(network.encode(x));
    Operand<TFloat32> logits = network.decodeLogits(code);
    Operand<TFloat32> reconstruction = tf.withName("reconstruction").math.sigmoid(logits);
    Operand<TFloat32> loss = tf.withName("loss").identity(Losses.bceMean(tf, x, logits));
    Operand<TFloat32> decoded = tf.withName("decoded").math.sigmoid(network.decodeLogits(z));
    return new AutoencoderModel(input, code, logits, reconstruction, loss, z, decoded, params);
  }
}
