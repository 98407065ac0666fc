package org.genmodels.vae;

import java.util.List;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.nn.Gaussian;
import org.genmodels.shared.nn.ImageInput;
import org.genmodels.shared.nn.ImportanceWeighting;
import org.genmodels.shared.nn.Losses;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Reduction;
import org.genmodels.shared.nn.Seeds;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The graph of the dense VAE of {@code VAE.py} (MODELS.md §2) and of seeds 003 and 004 (§3):
 * Kingma &amp; Welling, "Auto-Encoding Variational Bayes" (2014). Encoder
 * {@code 784 → hidden relu → zMean (L), zLogVar (L)}; {@code z = zMean + exp(0.5·zLogVar)·eps};
 * decoder {@code L → hidden relu → 784} (logits, or the image itself for the Gaussian decoder).
 * Loss {@code reconstructionLoss + beta·klLoss}.
 *
 * <p>Beside training, the graph holds: decoding of a fed z; sampling {@code n} images from the
 * prior with a fed seed (stateless, so a seed always gives the same images); and the
 * importance-weighted bound of Burda et al. (2016) on {@code log p(x)} with k fed samples.
 *
 * @param input              images {@code [B, 784]} in [0, 1] (bytes {@code pixels} or floats {@code x})
 * @param zMean              encoder means {@code [B, L]}
 * @param zLogVar            encoder log variances {@code [B, L]}
 * @param eps                the noise {@code [B, L]}; drawn in the graph from the seed and the step
 *                           ({@code Gaussian.stepNormal}), or fed ({@code eps})
 * @param z                  the sampled latent {@code [B, L]}
 * @param output             the decoder's raw output for z {@code [B, 784]} (logits or image)
 * @param reconstruction     the image of z, {@code [B, 784]}
 * @param reconstructionLoss the reconstruction term, reduced as the settings say
 * @param klLoss             the KL term, reduced as the settings say
 * @param loss               {@code reconstructionLoss + beta·klLoss}
 * @param negativeElbo       {@code −ELBO} in nats per image (−log p(x|z) summed, plus KL summed)
 * @param zInput             a fed latent {@code [n, L]}, placeholder {@code z}
 * @param decoded            its images {@code [n, 784]}
 * @param sampleCount        how many prior samples, int32 scalar placeholder {@code sample_count}
 * @param sampleSeed         their seed, int64 scalar placeholder {@code sample_seed} (drawn by
 *                           {@link Gaussian#priorSample}, as an export's {@code sample} draws)
 * @param samples            the sampled images {@code [n, 784]}
 * @param importanceSamples  k, int32 scalar placeholder {@code importance_samples}
 * @param importanceBound    {@code L_k} per image {@code [B]}, nats
 * @param params             the model's variables
 */
public record VaeModel(ImageInput input, Operand<TFloat32> zMean, Operand<TFloat32> zLogVar,
                       Operand<TFloat32> eps, Operand<TFloat32> z, Operand<TFloat32> output,
                       Operand<TFloat32> reconstruction, Operand<TFloat32> reconstructionLoss,
                       Operand<TFloat32> klLoss, Operand<TFloat32> loss, Operand<TFloat32> negativeElbo,
                       Placeholder<TFloat32> zInput, Operand<TFloat32> decoded,
                       Placeholder<TInt32> sampleCount, Placeholder<TInt64> sampleSeed,
                       Operand<TFloat32> samples, Placeholder<TInt32> importanceSamples,
                       Operand<TFloat32> importanceBound, Parameters params) {

  /** Pixels of a flattened 28×28 image. */
  public static final int INPUT_SIZE = VaeNetwork.INPUT_SIZE;

  /** Builds the model of {@code s} into {@code tf}'s graph. */
  public static VaeModel build(Ops tf, VaeSettings s, Seeds seeds) {
    Parameters params = new Parameters(seeds);
    int latent = s.latentSize();
    Likelihood likelihood = s.likelihood();
    ImageInput input = ImageInput.create(tf, PixelRange.UNIT, INPUT_SIZE);
    Operand<TFloat32> x = input.x();

    VaeNetwork network = VaeNetwork.create(tf, params, s.hiddenSize(), latent, s.init(), s.precision());
    VaeNetwork.Posterior posterior = network.encode(x);
    Operand<TFloat32> zMean = tf.withName("z_mean").identity(posterior.mean());
    Operand<TFloat32> zLogVar = tf.withName("z_log_var").identity(posterior.logVar());
    // keyed by the step, so that a resumed run draws what the interrupted one would have
    Operand<TFloat32> eps = tf.withName("eps").placeholderWithDefault(
        Gaussian.stepNormal(tf, Gaussian.batchShape(tf, x, latent), seeds), Shape.of(-1, latent));
    Operand<TFloat32> z = Gaussian.reparameterize(tf, zMean, zLogVar, eps);
    Operand<TFloat32> output = network.decode(z);
    Operand<TFloat32> reconstruction = tf.withName("reconstruction").identity(likelihood.mean(tf, output));

    Operand<TFloat32> rec = tf.withName("reconstruction_loss").identity(
        likelihood.loss(tf, x, output, s.reduction()));
    Operand<TFloat32> kl = tf.withName("kl_loss").identity(Gaussian.kl(tf, zMean, zLogVar, s.reduction()));
    Operand<TFloat32> loss = tf.withName("loss").math.add(rec, tf.math.mul(tf.constant(s.beta()), kl));
    Operand<TFloat32> nelbo = tf.withName("negative_elbo").math.add(
        Losses.sumPerExample(tf, likelihood.negativeLogLikelihood(tf, x, output)),
        Gaussian.kl(tf, zMean, zLogVar, Reduction.SUM_PER_EXAMPLE));

    Placeholder<TFloat32> zInput = tf.withName("z").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, latent)));
    Operand<TFloat32> decoded = tf.withName("decoded").identity(
        likelihood.mean(tf, network.decode(zInput)));

    Placeholder<TInt32> sampleCount = tf.withName("sample_count").placeholder(TInt32.class,
        Placeholder.shape(Shape.scalar()));
    Placeholder<TInt64> sampleSeed = tf.withName("sample_seed").placeholder(TInt64.class,
        Placeholder.shape(Shape.scalar()));
    Operand<TFloat32> prior = Gaussian.priorSample(tf, sampleCount, sampleSeed, latent);
    Operand<TFloat32> samples = tf.withName("samples").identity(likelihood.mean(tf, network.decode(prior)));

    Placeholder<TInt32> k = tf.withName("importance_samples").placeholder(TInt32.class,
        Placeholder.shape(Shape.scalar()));
    Operand<TFloat32> bound = importanceBound(tf, x, zMean, zLogVar, k, network, likelihood, seeds);

    return new VaeModel(input, zMean, zLogVar, eps, z, output, reconstruction, rec, kl, loss, nelbo,
        zInput, decoded, sampleCount, sampleSeed, samples, k, bound, params);
  }

  /**
   * {@code L_k} for each image of {@code x}: k latents per image from q(z|x), weights
   * {@code log p(x|z) + log p(z) − log q(z|x)} {@code [k, B]}.
   */
  private static Operand<TFloat32> importanceBound(Ops tf, Operand<TFloat32> x, Operand<TFloat32> zMean,
      Operand<TFloat32> zLogVar, Operand<TInt32> k, VaeNetwork network, Likelihood likelihood,
      Seeds seeds) {
    Ops iw = tf.withSubScope("importance");
    int latent = (int) zMean.shape().get(1);
    Operand<TInt32> kVector = iw.reshape(k, iw.constant(new int[] {1}));
    Operand<TInt32> batch = Losses.firstDimension(iw, x);
    Operand<TInt32> shape = iw.concat(List.of(kVector, batch, iw.constant(new int[] {latent})), iw.constant(0));
    Operand<TFloat32> zk = Gaussian.reparameterize(iw, zMean, zLogVar, Gaussian.standardNormal(iw, shape, seeds));
    Operand<TFloat32> flat = network.decode(iw.reshape(zk, iw.constant(new int[] {-1, latent})));
    Operand<TFloat32> out = iw.reshape(flat, iw.concat(List.of(kVector, batch,
        iw.constant(new int[] {INPUT_SIZE})), iw.constant(0)));
    Operand<TFloat32> logLikelihood = iw.math.neg(iw.sum(likelihood.negativeLogLikelihood(iw, x, out),
        iw.constant(-1)));
    Operand<TFloat32> logWeights = iw.math.sub(iw.math.add(logLikelihood, Gaussian.standardLogDensity(iw, zk)),
        Gaussian.logDensity(iw, zk, zMean, zLogVar));
    return tf.withName("importance_bound").identity(ImportanceWeighting.bound(iw, logWeights));
  }
}
