package org.genmodels.savedmodels;

import java.util.List;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.nn.Activation;
import org.genmodels.shared.nn.Conv2D;
import org.genmodels.shared.nn.Conv2DTranspose;
import org.genmodels.shared.nn.Dense;
import org.genmodels.shared.nn.Initializer;
import org.genmodels.shared.nn.Padding;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.weights.WeightFile;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The convolutional VAE of the real Keras 2.1.6 file {@code keras_h5/packt_vae_cnn_mnist/
 * vae_cnn_mnist.h5} (chapter 8 of "Advanced Deep Learning with Keras"; its {@code SOURCE.md}),
 * rebuilt from the shared {@link Conv2D}, {@link Conv2DTranspose} and {@link Dense} layers with the
 * file's weights copied in unchanged: Keras' HWIO Conv2D kernels, {@code [kh, kw, out, in]}
 * Conv2DTranspose kernels and {@code [in, out]} Dense kernels are the shared layers' layouts. It is
 * not one of this project's models; it is the check, on weights Keras itself trained and saved,
 * that those layers compute what Keras' do ({@link PacktParity}).
 *
 * <pre>
 *   encoder  x [B, 28, 28, 1] → Conv2D 32, 3×3, stride 2, same, relu → [B, 14, 14, 32]
 *            → Conv2D 64, 3×3, stride 2, same, relu → [B, 7, 7, 64] → flatten (h, w, c order) [B, 3136]
 *            → Dense 16 relu → z_mean [B, 2], z_log_var [B, 2] (both linear)
 *   decoder  z [B, 2] → Dense 3136 relu → [B, 7, 7, 64] → Conv2DTranspose 64, 3×3, stride 2, same, relu
 *            → Conv2DTranspose 32, stride 2, relu → Conv2DTranspose 1, stride 1, sigmoid → [B, 28, 28, 1]
 * </pre>
 *
 * The file's nine layers are matched by order and shape; any other file is refused, naming the
 * layer that does not fit. Building a graph is not thread-safe (as {@link Parameters}); the layers
 * own no native memory.
 */
public final class PacktConvVae {
  /** Image side. */
  public static final int SIDE = 28;
  /** Latent size. */
  public static final int LATENT = 2;

  /** The encoder's outputs, {@code [B, 16]}, {@code [B, 2]}, {@code [B, 2]}. */
  public record Encoding(Operand<TFloat32> dense16, Operand<TFloat32> mean, Operand<TFloat32> logVar) {
  }

  /** One layer of the file, in order: what it is, its bias's size and its kernel's shape. */
  private record Spec(String role, int bias, int... kernel) {
  }

  private static final String MODEL = "the conv VAE of vae_cnn_mnist.h5 (keras_h5/packt_vae_cnn_mnist/SOURCE.md)";

  private static final List<Spec> LAYERS = List.of(
      new Spec("encoder Conv2D 1 → 32, 3×3", 32, 3, 3, 1, 32),
      new Spec("encoder Conv2D 32 → 64, 3×3", 64, 3, 3, 32, 64),
      new Spec("encoder Dense 3136 → 16", 16, 3136, 16),
      new Spec("encoder Dense z_mean 16 → 2", 2, 16, 2),
      new Spec("encoder Dense z_log_var 16 → 2", 2, 16, 2),
      new Spec("decoder Dense 2 → 3136", 3136, 2, 3136),
      new Spec("decoder Conv2DTranspose 64 → 64, 3×3", 64, 3, 3, 64, 64),
      new Spec("decoder Conv2DTranspose 64 → 32, 3×3", 32, 3, 3, 32, 64),
      new Spec("decoder Conv2DTranspose 32 → 1, 3×3 (decoder_output)", 1, 3, 3, 1, 32));

  private final Ops encoderScope;
  private final Ops decoderScope;
  private final Conv2D conv1;
  private final Conv2D conv2;
  private final Dense dense16;
  private final Dense zMean;
  private final Dense zLogVar;
  private final Dense decoderDense;
  private final Conv2DTranspose deconv1;
  private final Conv2DTranspose deconv2;
  private final Conv2DTranspose output;

  private PacktConvVae(Ops tf, Parameters params, List<KerasLayer> w) {
    encoderScope = tf.withSubScope("encoder");
    decoderScope = tf.withSubScope("decoder");
    Ops e = encoderScope;
    Ops d = decoderScope;
    conv1 = Conv2D.create(e, params, "conv2d_1", 1, 32, 3, 2, Padding.SAME, Activation.RELU, kernel(w, 0), bias(w, 0));
    conv2 = Conv2D.create(e, params, "conv2d_2", 32, 64, 3, 2, Padding.SAME, Activation.RELU, kernel(w, 1), bias(w, 1));
    dense16 = Dense.create(e, params, "dense_1", 3136, 16, Activation.RELU, kernel(w, 2), bias(w, 2));
    zMean = Dense.create(e, params, "z_mean", 16, LATENT, Activation.LINEAR, kernel(w, 3), bias(w, 3));
    zLogVar = Dense.create(e, params, "z_log_var", 16, LATENT, Activation.LINEAR, kernel(w, 4), bias(w, 4));
    decoderDense = Dense.create(d, params, "dense_2", LATENT, 3136, Activation.RELU, kernel(w, 5), bias(w, 5));
    deconv1 = Conv2DTranspose.create(d, params, "conv2d_transpose_1", 64, 64, 3, 2, Padding.SAME, Activation.RELU,
        kernel(w, 6), bias(w, 6));
    deconv2 = Conv2DTranspose.create(d, params, "conv2d_transpose_2", 64, 32, 3, 2, Padding.SAME, Activation.RELU,
        kernel(w, 7), bias(w, 7));
    output = Conv2DTranspose.create(d, params, "decoder_output", 32, 1, 3, 1, Padding.SAME, Activation.SIGMOID,
        kernel(w, 8), bias(w, 8));
  }

  /**
   * The model's variables in {@code params}, set to the weights of {@code weights}; {@code source}
   * names the file in messages.
   *
   * @throws UserException when the file's layers are not this model's, naming the first that
   *                       does not fit, its shape and the shape expected, and listing them all
   */
  public static PacktConvVae create(Ops tf, Parameters params, WeightFile weights, String source) {
    return new PacktConvVae(tf, params, requireFit(weights, source));
  }

  /** The encoder's outputs for images {@code x} {@code [B, 28, 28, 1]} in [0, 1]. */
  public Encoding encode(Ops tf, Operand<TFloat32> x) {
    Ops e = encoderScope;
    Operand<TFloat32> h = conv2.apply(e, conv1.apply(e, x));
    // Keras' Flatten of channels_last data is the row-major order of [h, w, c]: NHWC's own.
    Operand<TFloat32> flat = e.reshape(h, e.constant(new int[] {-1, 7 * 7 * 64}));
    Operand<TFloat32> hidden = dense16.apply(e, flat);
    return new Encoding(hidden, zMean.apply(e, hidden), zLogVar.apply(e, hidden));
  }

  /** The decoder's images {@code [B, 28, 28, 1]} in (0, 1) for latents {@code z} {@code [B, 2]}. */
  public Operand<TFloat32> decode(Ops tf, Operand<TFloat32> z) {
    Ops d = decoderScope;
    Operand<TFloat32> h = d.reshape(decoderDense.apply(d, z), d.constant(new int[] {-1, 7, 7, 64}));
    return output.apply(d, deconv2.apply(d, deconv1.apply(d, h)));
  }

  private static List<KerasLayer> requireFit(WeightFile weights, String source) {
    List<KerasLayer> layers = KerasLayer.of(weights);
    if (layers.size() != LAYERS.size()) {
      throw misfit(source, layers, "it holds " + layers.size() + " layers with weights, but the model has "
          + LAYERS.size());
    }
    for (int i = 0; i < LAYERS.size(); i++) {
      Spec spec = LAYERS.get(i);
      KerasLayer layer = layers.get(i);
      if (!layer.hasKernelAndBias(spec.kernel(), spec.bias())) {
        throw misfit(source, layers, "its layer " + (i + 1) + ", " + layer.describe() + ", should be the "
            + spec.role() + ": kernel " + KerasLayer.shape(spec.kernel()) + " and bias [" + spec.bias() + "]");
      }
    }
    return layers;
  }

  private static UserException misfit(String source, List<KerasLayer> layers, String why) {
    StringBuilder expected = new StringBuilder();
    for (Spec s : LAYERS) {
      expected.append(expected.length() == 0 ? "" : "; ").append(s.role()).append(" (kernel ")
          .append(KerasLayer.shape(s.kernel())).append(", bias [").append(s.bias()).append("])");
    }
    return new UserException(source + " does not fit " + MODEL + ": " + why + ". The model's layers, in order"
        + " (Conv2D kernels [kh, kw, in, out], Conv2DTranspose [kh, kw, out, in], Dense [in, out]): " + expected
        + ". The file's: " + KerasLayer.describeAll(layers) + ".");
  }

  private static Initializer kernel(List<KerasLayer> layers, int i) {
    return values(layers.get(i).kernel());
  }

  private static Initializer bias(List<KerasLayer> layers, int i) {
    return values(layers.get(i).bias());
  }

  /** Sets a variable to {@code v}; its shape was checked against the file's by {@link #requireFit}. */
  private static Initializer values(float[] v) {
    return (tf, shape, seeds) -> tf.constant(shape, DataBuffers.of(v, true, false));
  }
}
