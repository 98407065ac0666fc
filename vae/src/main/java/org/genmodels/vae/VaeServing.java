package org.genmodels.vae;

import java.util.List;
import java.util.Objects;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.model.Signatures;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.nn.WeightInit;
import org.genmodels.shared.tf.CheckpointReader;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The dense VAE's inference graph ({@link VaeNetwork}): {@code encode} (x → z_mean, z_log_var),
 * {@code decode} (z → images), {@code sample} (count, seed → images of z ~ N(0, I), the draws of
 * {@code Vae.sample}) and {@code serving_default} (x → the images of the posterior means).
 * Images are {@code [n, 784]}, the decoder's mean ({@code sigmoid} of the logits for the Bernoulli
 * decoder, the output itself for the Gaussian one). The layers multiply in {@code precision},
 * float32 unless asked: the variables are float32 either way, so a run trained with
 * {@code --precision bf16} exports a float32 graph, and the embedding API may serve any checkpoint
 * in bf16 ({@link #with}).
 *
 * @param hiddenSize the hidden layers' width
 * @param latentSize the latent's dimensions
 * @param likelihood the decoder's distribution (not visible in a checkpoint's shapes)
 * @param precision  what the layers multiply in
 */
public record VaeServing(int hiddenSize, int latentSize, Likelihood likelihood, Precision precision)
    implements ServingModel {
  public VaeServing {
    Objects.requireNonNull(precision, "precision");
  }

  /** A float32 graph. */
  public VaeServing(int hiddenSize, int latentSize, Likelihood likelihood) {
    this(hiddenSize, latentSize, likelihood, Precision.FP32);
  }

  /** The float32 graph of the model {@code s} describes (what exports hold, whatever s's precision). */
  public static VaeServing of(VaeSettings s) {
    return new VaeServing(s.hiddenSize(), s.latentSize(), s.likelihood());
  }

  /** This graph multiplying in {@code p}. */
  public VaeServing with(Precision p) {
    return new VaeServing(hiddenSize, latentSize, likelihood, p);
  }

  /** As a record's, naming the precision only when it is not float32 (commands print it). */
  @Override
  public String toString() {
    return "VaeServing[hiddenSize=" + hiddenSize + ", latentSize=" + latentSize + ", likelihood=" + likelihood
        + (precision == Precision.FP32 ? "" : ", precision=" + precision) + "]";
  }

  /** The architecture a checkpoint's variable shapes describe, with the given decoder. */
  static VaeServing fromCheckpoint(CheckpointReader r, Likelihood likelihood) {
    return new VaeServing((int) r.require("encoder/fc1/kernel").shape().get(1),
        (int) r.require("encoder/z_mean/kernel").shape().get(1), likelihood);
  }

  @Override
  public ModelPlugin plugin() {
    return new VaePlugin();
  }

  @Override
  public List<Signature> build(Ops tf, Parameters params) {
    VaeNetwork network = VaeNetwork.create(tf, params, hiddenSize, latentSize, WeightInit.KERAS, precision);
    Placeholder<TFloat32> x = Signatures.rows(tf, Signatures.X, VaeNetwork.INPUT_SIZE);
    Placeholder<TFloat32> z = Signatures.rows(tf, Signatures.Z, latentSize);
    Signatures.SampleInputs sample = Signatures.SampleInputs.create(tf);
    VaeNetwork.Posterior posterior = network.encode(x);
    Operand<TFloat32> mean = tf.withName(Signatures.Z_MEAN).identity(posterior.mean());
    Operand<TFloat32> logVar = tf.withName(Signatures.Z_LOG_VAR).identity(posterior.logVar());
    Operand<TFloat32> images = tf.withName(Signatures.IMAGES).identity(likelihood.mean(tf, network.decode(z)));
    Operand<TFloat32> samples = tf.withName("samples").identity(
        likelihood.mean(tf, network.decode(sample.standardNormal(tf, latentSize))));
    Operand<TFloat32> reconstruction = tf.withName(Signatures.RECONSTRUCTION).identity(
        likelihood.mean(tf, network.decode(mean)));
    return List.of(
        Signatures.predict(Signatures.ENCODE).input(Signatures.X, x)
            .output(Signatures.Z_MEAN, mean).output(Signatures.Z_LOG_VAR, logVar).build(),
        Signatures.predict(Signatures.DECODE).input(Signatures.Z, z).output(Signatures.IMAGES, images).build(),
        sample.addTo(Signatures.predict(Signatures.SAMPLE)).output(Signatures.IMAGES, samples).build(),
        Signatures.predict(Signatures.DEFAULT).input(Signatures.X, x)
            .output(Signatures.RECONSTRUCTION, reconstruction).build());
  }
}
