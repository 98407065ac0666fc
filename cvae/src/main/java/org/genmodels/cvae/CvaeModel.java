package org.genmodels.cvae;

import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.nn.ConvOp;
import org.genmodels.shared.nn.Gaussian;
import org.genmodels.shared.nn.ImageInput;
import org.genmodels.shared.nn.LabelInput;
import org.genmodels.shared.nn.Losses;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Reduction;
import org.genmodels.shared.nn.Seeds;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The graph of seed 002's convolutional VAE and conditional VAE (MODELS.md §4): Kingma &amp;
 * Welling (2014), conditioned as in Sohn et al., "Learning Structured Output Representation using
 * Deep Conditional Generative Models" (2015). NHWC where the Paddle script is NCHW; the layers
 * are a {@link CvaeNetwork}.
 * <pre>
 *   encoder  x [B,28,28,1] (⊕ Dense(10→784)(label) as a 2nd channel) → Conv 4/2/1 → lrelu
 *            → Conv 4/2/1 → lrelu → flatten 3136 → zMean, zLogVar [B,L]
 *   decoder  z (⊕ one-hot) → Dense 1568 → lrelu → [7,7,C] → ConvT 4/2/1 → lrelu
 *            → ConvT 4/2/1 → lrelu → Conv 3/1/1 → tanh → [B,28,28,1] in [-1, 1]
 *   loss     reconstructionLoss = mean_B Σ_pixels (x − y)²,  klLoss = mean_B Σ_L KL,  loss = sum
 * </pre>
 *
 * @param input              images {@code [B,28,28,1]} in [-1, 1] (bytes {@code pixels} or floats {@code x})
 * @param labels             class labels {@code [B]}; fed always, used only when conditional
 * @param zMean              encoder means {@code [B, L]}
 * @param zLogVar            encoder log variances {@code [B, L]}
 * @param eps                the noise {@code [B, L]}; fed ({@code eps}), or drawn in the graph from the
 *                           seed and the step counter, so that a resumed run draws what an
 *                           uninterrupted one would ({@code Gaussian.stepNormal})
 * @param z                  {@code zMean + exp(0.5·zLogVar)·eps}
 * @param reconstruction     the decoder's image of z {@code [B,28,28,1]}
 * @param reconstructionLoss squared error summed per image, averaged over the batch
 * @param klLoss             KL to N(0, I) summed per image, averaged over the batch
 * @param loss               {@code reconstructionLoss + klLoss}
 * @param zInput             a fed latent {@code [n, L]}, placeholder {@code z}
 * @param decoded            its images {@code [n,28,28,1]} in [-1, 1] (with {@code labels} when conditional),
 *                           through the 2-d transposed conv as an export's, bit for bit
 * @param params             the model's variables
 */
public record CvaeModel(ImageInput input, LabelInput labels, Operand<TFloat32> zMean,
                        Operand<TFloat32> zLogVar, Operand<TFloat32> eps, Operand<TFloat32> z, Operand<TFloat32> reconstruction,
                        Operand<TFloat32> reconstructionLoss, Operand<TFloat32> klLoss, Operand<TFloat32> loss,
                        Placeholder<TFloat32> zInput, Operand<TFloat32> decoded, Parameters params) {
  /** Image side. */
  public static final int SIZE = CvaeNetwork.SIZE;

  /** Builds the model of {@code s} into {@code tf}'s graph. */
  public static CvaeModel build(Ops tf, CvaeSettings s, Seeds seeds) {
    Parameters params = new Parameters(seeds);
    ImageInput input = ImageInput.create(tf, PixelRange.SYMMETRIC, SIZE, SIZE, 1);
    LabelInput labels = LabelInput.create(tf, CvaeSettings.CLASSES);
    CvaeNetwork network = CvaeNetwork.create(tf, params, s).with(s.precision())
        .with(ConvOp.forTraining(s.precision()));

    Operand<TFloat32> x = input.x();
    CvaeNetwork.Posterior posterior = network.encode(x, labels.oneHot());
    Operand<TFloat32> zMean = tf.withName("z_mean").identity(posterior.mean());
    Operand<TFloat32> zLogVar = tf.withName("z_log_var").identity(posterior.logVar());
    Operand<TFloat32> eps = tf.withName("eps").placeholderWithDefault(
        Gaussian.stepNormal(tf, Gaussian.batchShape(tf, x, s.latentSize()), seeds),
        Shape.of(-1, s.latentSize()));
    Operand<TFloat32> z = tf.withName("z_sample").identity(Gaussian.reparameterize(tf, zMean, zLogVar, eps));
    Operand<TFloat32> y = tf.withName("reconstruction").identity(network.decode(z, labels.oneHot()));

    Operand<TFloat32> rec = tf.withName("reconstruction_loss").identity(
        Losses.sumPerExample(tf, tf.math.squaredDifference(x, y)));
    Operand<TFloat32> kl = tf.withName("kl_loss").identity(
        Gaussian.kl(tf, zMean, zLogVar, Reduction.SUM_PER_EXAMPLE));
    Operand<TFloat32> loss = tf.withName("loss").math.add(rec, kl);

    Placeholder<TFloat32> zInput = tf.withName("z").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, s.latentSize())));
    // no gradient here: the 2-d transposed conv, as an export's, whose values the 3-d one's for
    // training can miss by an ulp at some batch sizes, so that the model generates as its export
    Operand<TFloat32> decoded = tf.withName("decoded").identity(network.with(ConvOp.CONV2D)
        .decode(zInput, labels.oneHot()));
    return new CvaeModel(input, labels, zMean, zLogVar, eps, z, y, rec, kl, loss, zInput, decoded, params);
  }
}
