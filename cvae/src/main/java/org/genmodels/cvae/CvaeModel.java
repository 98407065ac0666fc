package org.genmodels.cvae;

import java.util.List;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.nn.Activation;
import org.genmodels.shared.nn.Conv2D;
import org.genmodels.shared.nn.Conv2DTranspose;
import org.genmodels.shared.nn.Dense;
import org.genmodels.shared.nn.Gaussian;
import org.genmodels.shared.nn.ImageInput;
import org.genmodels.shared.nn.LabelInput;
import org.genmodels.shared.nn.Losses;
import org.genmodels.shared.nn.Padding;
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
 * Deep Conditional Generative Models" (2015). NHWC where the Paddle script is NCHW.
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
 * @param decoded            its images {@code [n,28,28,1]} in [-1, 1] (with {@code labels} when conditional)
 * @param params             the model's variables
 */
public record CvaeModel(ImageInput input, LabelInput labels, Operand<TFloat32> zMean,
                        Operand<TFloat32> zLogVar, Operand<TFloat32> eps, Operand<TFloat32> z, Operand<TFloat32> reconstruction,
                        Operand<TFloat32> reconstructionLoss, Operand<TFloat32> klLoss, Operand<TFloat32> loss,
                        Placeholder<TFloat32> zInput, Operand<TFloat32> decoded, Parameters params) {
  /** Image side. */
  public static final int SIZE = 28;
  private static final int SMALL = 7;

  /** Builds the model of {@code s} into {@code tf}'s graph. */
  public static CvaeModel build(Ops tf, CvaeSettings s, Seeds seeds) {
    Parameters params = new Parameters(seeds);
    ImageInput input = ImageInput.create(tf, PixelRange.SYMMETRIC, SIZE, SIZE, 1);
    LabelInput labels = LabelInput.create(tf, CvaeSettings.CLASSES);
    Encoder encoder = new Encoder(tf.withSubScope("encoder"), params, s);
    Decoder decoder = new Decoder(tf.withSubScope("decoder"), params, s);

    Operand<TFloat32> x = input.x();
    List<Operand<TFloat32>> encoded = encoder.apply(x, labels.oneHot());
    Operand<TFloat32> zMean = tf.withName("z_mean").identity(encoded.get(0));
    Operand<TFloat32> zLogVar = tf.withName("z_log_var").identity(encoded.get(1));
    Operand<TFloat32> eps = tf.withName("eps").placeholderWithDefault(
        Gaussian.stepNormal(tf, Gaussian.batchShape(tf, x, s.latentSize()), seeds),
        Shape.of(-1, s.latentSize()));
    Operand<TFloat32> z = tf.withName("z_sample").identity(Gaussian.reparameterize(tf, zMean, zLogVar, eps));
    Operand<TFloat32> y = tf.withName("reconstruction").identity(decoder.apply(z, labels.oneHot()));

    Operand<TFloat32> rec = tf.withName("reconstruction_loss").identity(
        Losses.sumPerExample(tf, tf.math.squaredDifference(x, y)));
    Operand<TFloat32> kl = tf.withName("kl_loss").identity(
        Gaussian.kl(tf, zMean, zLogVar, Reduction.SUM_PER_EXAMPLE));
    Operand<TFloat32> loss = tf.withName("loss").math.add(rec, kl);

    Placeholder<TFloat32> zInput = tf.withName("z").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, s.latentSize())));
    Operand<TFloat32> decoded = tf.withName("decoded").identity(decoder.apply(zInput, labels.oneHot()));
    return new CvaeModel(input, labels, zMean, zLogVar, eps, z, y, rec, kl, loss, zInput, decoded, params);
  }

  /** The encoder's layers; {@code apply} returns {@code [zMean, zLogVar]}. */
  private static final class Encoder {
    private final Ops tf;
    private final Dense labelMap;
    private final Conv2D conv1;
    private final Conv2D conv2;
    private final Dense mean;
    private final Dense logVar;

    Encoder(Ops tf, Parameters params, CvaeSettings s) {
      this.tf = tf;
      int c = s.channels();
      Activation lrelu = Activation.leakyRelu(s.slope());
      Padding p1 = Padding.explicit(1);
      labelMap = s.conditional() ? Dense.create(tf, params, "label_map", CvaeSettings.CLASSES, SIZE * SIZE,
          Activation.LINEAR, s.init()) : null;
      conv1 = Conv2D.create(tf, params, "conv1", s.conditional() ? 2 : 1, c, 4, 2, p1, lrelu, s.init());
      conv2 = Conv2D.create(tf, params, "conv2", c, 2L * c, 4, 2, p1, lrelu, s.init());
      long flat = (long) SMALL * SMALL * 2 * c;
      mean = Dense.create(tf, params, "z_mean", flat, s.latentSize(), Activation.LINEAR, s.init());
      logVar = Dense.create(tf, params, "z_log_var", flat, s.latentSize(), Activation.LINEAR, s.init());
    }

    List<Operand<TFloat32>> apply(Operand<TFloat32> x, Operand<TFloat32> oneHot) {
      Operand<TFloat32> in = x;
      if (labelMap != null) {
        Operand<TFloat32> map = tf.reshape(labelMap.apply(tf, oneHot), tf.constant(new int[] {-1, SIZE, SIZE, 1}));
        in = tf.concat(List.of(x, map), tf.constant(3));
      }
      Operand<TFloat32> h = conv2.apply(tf, conv1.apply(tf, in));
      Operand<TFloat32> flat = tf.reshape(h, tf.constant(new int[] {-1, flatSize(h)}));
      return List.of(mean.apply(tf, flat), logVar.apply(tf, flat));
    }

    private static int flatSize(Operand<TFloat32> h) {
      Shape shape = h.shape();
      return (int) (shape.get(1) * shape.get(2) * shape.get(3));
    }
  }

  /** The decoder's layers. */
  private static final class Decoder {
    private final Ops tf;
    private final boolean conditional;
    private final int channels;
    private final Dense fc;
    private final Conv2DTranspose up1;
    private final Conv2DTranspose up2;
    private final Conv2D out;

    Decoder(Ops tf, Parameters params, CvaeSettings s) {
      this.tf = tf;
      this.conditional = s.conditional();
      this.channels = s.channels();
      int c = s.channels();
      Activation lrelu = Activation.leakyRelu(s.slope());
      Padding p1 = Padding.explicit(1);
      int in = s.latentSize() + (conditional ? CvaeSettings.CLASSES : 0);
      fc = Dense.create(tf, params, "fc", in, (long) SMALL * SMALL * c, lrelu, s.init());
      up1 = Conv2DTranspose.create(tf, params, "deconv1", c, 2L * c, 4, 2, p1, lrelu, s.init());
      up2 = Conv2DTranspose.create(tf, params, "deconv2", 2L * c, c, 4, 2, p1, lrelu, s.init());
      out = Conv2D.create(tf, params, "conv_out", c, 1, 3, 1, p1, Activation.TANH, s.init());
    }

    Operand<TFloat32> apply(Operand<TFloat32> z, Operand<TFloat32> oneHot) {
      Operand<TFloat32> in = conditional ? tf.concat(List.of(z, oneHot), tf.constant(1)) : z;
      Operand<TFloat32> h = tf.reshape(fc.apply(tf, in), tf.constant(new int[] {-1, SMALL, SMALL, channels}));
      return out.apply(tf, up2.apply(tf, up1.apply(tf, h)));
    }
  }
}
