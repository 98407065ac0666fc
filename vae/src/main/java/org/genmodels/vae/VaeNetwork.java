package org.genmodels.vae;

import org.genmodels.shared.nn.Activation;
import org.genmodels.shared.nn.Dense;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.nn.WeightInit;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The layers of the dense VAE (MODELS.md §2, §3), created once and applied wherever a graph
 * needs them: the training graph ({@link VaeModel}) and the inference graphs of exports and the
 * embedding API. Encoder {@code 784 → hidden relu → zMean (L), zLogVar (L)}, decoder
 * {@code L → hidden relu → 784} (the raw output: logits or the image, as the {@link Likelihood}
 * says). Variables {@code encoder/fc1}, {@code encoder/z_mean}, {@code encoder/z_log_var},
 * {@code decoder/fc4}, {@code decoder/fc5} (kernel and bias each), in that order. The layers
 * multiply in the {@link Precision} they are created with; the variables are float32 either way.
 */
public final class VaeNetwork {
  /** Pixels of a flattened 28×28 image. */
  public static final int INPUT_SIZE = 784;

  /** The encoder's outputs for a batch: means and log variances, {@code [B, L]} each. */
  public record Posterior(Operand<TFloat32> mean, Operand<TFloat32> logVar) {
  }

  private final Ops encoderScope;
  private final Ops decoderScope;
  private final Dense fc1;
  private final Dense zMean;
  private final Dense zLogVar;
  private final Dense fc4;
  private final Dense fc5;

  private VaeNetwork(Ops encoderScope, Ops decoderScope, Dense fc1, Dense zMean, Dense zLogVar, Dense fc4,
      Dense fc5) {
    this.encoderScope = encoderScope;
    this.decoderScope = decoderScope;
    this.fc1 = fc1;
    this.zMean = zMean;
    this.zLogVar = zLogVar;
    this.fc4 = fc4;
    this.fc5 = fc5;
  }

  /** Creates the layers' variables in {@code params}, initialised as {@code init} prescribes; float32. */
  public static VaeNetwork create(Ops tf, Parameters params, int hiddenSize, int latentSize, WeightInit init) {
    return create(tf, params, hiddenSize, latentSize, init, Precision.FP32);
  }

  /** As {@link #create(Ops, Parameters, int, int, WeightInit)}, every layer multiplying in {@code precision}. */
  public static VaeNetwork create(Ops tf, Parameters params, int hiddenSize, int latentSize, WeightInit init,
      Precision precision) {
    Ops enc = tf.withSubScope("encoder");
    Dense fc1 = Dense.create(enc, params, "fc1", INPUT_SIZE, hiddenSize, Activation.RELU, init);
    Dense mean = Dense.create(enc, params, "z_mean", hiddenSize, latentSize, Activation.LINEAR, init);
    Dense logVar = Dense.create(enc, params, "z_log_var", hiddenSize, latentSize, Activation.LINEAR, init);
    Ops dec = tf.withSubScope("decoder");
    Dense fc4 = Dense.create(dec, params, "fc4", latentSize, hiddenSize, Activation.RELU, init);
    Dense fc5 = Dense.create(dec, params, "fc5", hiddenSize, INPUT_SIZE, Activation.LINEAR, init);
    return new VaeNetwork(enc, dec, fc1.with(precision), mean.with(precision), logVar.with(precision),
        fc4.with(precision), fc5.with(precision));
  }

  /** The posterior of images {@code x} {@code [B, 784]}. */
  public Posterior encode(Operand<TFloat32> x) {
    Operand<TFloat32> h = fc1.apply(encoderScope, x);
    return new Posterior(zMean.apply(encoderScope, h), zLogVar.apply(encoderScope, h));
  }

  /** The decoder's raw output for latents {@code z} {@code [B, L]}: {@code [B, 784]}. */
  public Operand<TFloat32> decode(Operand<TFloat32> z) {
    return fc5.apply(decoderScope, fc4.apply(decoderScope, z));
  }
}
