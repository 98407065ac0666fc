package org.genmodels.ae;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.nn.Activation;
import org.genmodels.shared.nn.Dense;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Precision;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The layers of the dense autoencoder (MODELS.md §1), created once and applied wherever a graph
 * needs them: the training graph ({@link AutoencoderModel}) and the inference graphs that exports
 * and the embedding API build. Variables: {@code encoder/dense_<i>/…}, {@code encoder/code/…},
 * {@code decoder/dense_<i>/…}, {@code decoder/logits/…} (kernel and bias each), in that order, so
 * a checkpoint of one graph restores into the other. The layers multiply in the {@link Precision}
 * they are created with; the variables are float32 either way, so a checkpoint of one precision
 * restores into the other.
 */
public final class AutoencoderNetwork {
  /** Pixels of a flattened 28×28 image. */
  public static final int INPUT_SIZE = 784;

  private final Ops encoderScope;
  private final Ops decoderScope;
  private final List<Dense> encoder;
  private final List<Dense> decoder;

  private AutoencoderNetwork(Ops encoderScope, Ops decoderScope, List<Dense> encoder, List<Dense> decoder) {
    this.encoderScope = encoderScope;
    this.decoderScope = decoderScope;
    this.encoder = encoder;
    this.decoder = decoder;
  }

  /**
   * Creates the layers' variables in {@code params}: encoder {@code 784 → hidden… relu → code}
   * (linear), decoder mirrored to 784 logits; Keras' default initializers; float32 throughout.
   */
  public static AutoencoderNetwork create(Ops tf, Parameters params, List<Integer> hiddenSizes, int codeSize) {
    return create(tf, params, hiddenSizes, codeSize, Precision.FP32);
  }

  /** As {@link #create(Ops, Parameters, List, int)}, every layer multiplying in {@code precision}. */
  public static AutoencoderNetwork create(Ops tf, Parameters params, List<Integer> hiddenSizes, int codeSize,
      Precision precision) {
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
    return new AutoencoderNetwork(enc, dec, encoder.stream().map(d -> d.with(precision)).toList(),
        decoder.stream().map(d -> d.with(precision)).toList());
  }

  /** The code of images {@code x} {@code [B, 784]}: {@code [B, codeSize]}. */
  public Operand<TFloat32> encode(Operand<TFloat32> x) {
    return apply(encoderScope, encoder, x);
  }

  /** The decoder's logits for codes {@code z} {@code [B, codeSize]}: {@code [B, 784]}. */
  public Operand<TFloat32> decodeLogits(Operand<TFloat32> z) {
    return apply(decoderScope, decoder, z);
  }

  private static Operand<TFloat32> apply(Ops tf, List<Dense> layers, Operand<TFloat32> input) {
    Operand<TFloat32> h = input;
    for (Dense layer : layers) {
      h = layer.apply(tf, h);
    }
    return h;
  }
}
