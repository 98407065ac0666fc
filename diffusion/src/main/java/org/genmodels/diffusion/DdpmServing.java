package org.genmodels.diffusion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.model.Signatures;
import org.genmodels.shared.nn.ConvOp;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.train.WeightAverage;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The DDPM's inference graph ({@code diffusion/}): {@code sample} (count, seed → images
 * {@code [count, S, S, C]} in [-1, 1]): the T reverse steps as one while loop,
 * {@link ReverseChain}, the loop {@code Diffusion.sample} runs too ({@link SamplerGraph}): the
 * noise is keyed alike — x_T by {@code [seed, T]}, step t's by {@code [seed, t]} — so an export
 * draws the pixels the trained model draws for the same seed.
 *
 * <p>The weights are those the trained model samples with: with a weight average ({@code ema}),
 * the averages, read from the checkpoint in place of the weights.
 *
 * <p>The graph is float32 whatever the precision: bf16 runs it through TensorFlow's rewrite
 * ({@link #bf16Rewrite()}), a session option, so an export holds float32's graph either way.
 * Its convs are {@code Conv2D}s, which any TensorFlow serves and the rewrite casts; a float32
 * session that this process alone runs ({@link #inProcess()}: the embedding API on a checkpoint)
 * convolves through the op {@link ConvOp#forInference} picks instead, as {@code Diffusion.sample}
 * does, drawing the same pixels as it: the generic conv where {@code ConvChoice} says so
 * ({@link ConvOp#GENERIC}: 64 samples in 0.72× the time on an AMD Zen 5), and is then not
 * exported.
 *
 * @param unet           the network's shape
 * @param timesteps      T
 * @param betaStart      the first beta of the linear schedule
 * @param betaEnd        the last beta
 * @param clampEveryStep clamp after every step (the seed's) rather than the result only
 * @param ema            the decay of the weight average the model samples with; 0: none
 * @param precision      what the session multiplies in
 * @param convs          the op the sampling loop convolves with: {@link ConvOp#CONV2D} (exports, bf16)
 *                       or {@link ConvOp#GENERIC} (float32 in this process only)
 */
public record DdpmServing(UnetSettings unet, int timesteps, double betaStart, double betaEnd,
                          boolean clampEveryStep, float ema, Precision precision, ConvOp convs)
    implements ServingModel {
  public DdpmServing {
    Objects.requireNonNull(unet, "unet");
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(convs, "convs");
    if (convs == ConvOp.GENERIC && precision != Precision.FP32) {
      throw new IllegalArgumentException("the generic conv samples in float32 only (the " + precision
          + " rewrite does not cast it), got precision " + precision);
    }
  }

  /** Sampling in {@code precision} on {@code Conv2D}s: what an export holds. */
  public DdpmServing(UnetSettings unet, int timesteps, double betaStart, double betaEnd, boolean clampEveryStep,
      float ema, Precision precision) {
    this(unet, timesteps, betaStart, betaEnd, clampEveryStep, ema, precision, ConvOp.CONV2D);
  }

  /** Sampling in float32. */
  public DdpmServing(UnetSettings unet, int timesteps, double betaStart, double betaEnd, boolean clampEveryStep,
      float ema) {
    this(unet, timesteps, betaStart, betaEnd, clampEveryStep, ema, Precision.FP32);
  }

  /**
   * The model {@code s} describes (its network, schedule, clamp and weight average), sampling in
   * float32 whatever {@code s.precision()}: what exports and {@code load} serve on any CPU.
   */
  public static DdpmServing of(DiffusionSettings s) {
    return new DdpmServing(s.unet(), s.timesteps(), s.betaStart(), s.betaEnd(), s.clampEveryStep(), s.ema());
  }

  /** This model sampling in {@code p}, on {@code Conv2D}s. */
  public DdpmServing with(Precision p) {
    return new DdpmServing(unet, timesteps, betaStart, betaEnd, clampEveryStep, ema, p);
  }

  /**
   * In float32, this model on the op {@link ConvOp#forInference} picks (the generic conv where
   * {@code ConvChoice} says so); in bf16, or where it picks {@code Conv2D}, itself.
   */
  @Override
  public DdpmServing inProcess() {
    ConvOp op = ConvOp.forInference(precision);
    return op == convs ? this
        : new DdpmServing(unet, timesteps, betaStart, betaEnd, clampEveryStep, ema, precision, op);
  }

  /** Whether the graph holds {@code Conv2D}s only, as an export must. */
  @Override
  public boolean exportable() {
    return convs == ConvOp.CONV2D;
  }

  /** Whether sampling runs in bf16: then the session rewrites the graph's convolutions and MatMuls. */
  @Override
  public boolean bf16Rewrite() {
    return precision == Precision.BF16;
  }

  /** As a record's, naming the precision and the convs only when they are not the defaults (commands print it). */
  @Override
  public String toString() {
    return "DdpmServing[unet=" + unet + ", timesteps=" + timesteps + ", betaStart=" + betaStart + ", betaEnd="
        + betaEnd + ", clampEveryStep=" + clampEveryStep + ", ema=" + ema
        + (precision == Precision.FP32 ? "" : ", precision=" + precision)
        + (convs == ConvOp.CONV2D ? "" : ", convs=" + convs) + "]";
  }

  /**
   * The network a checkpoint without a config describes by its variable shapes; the image side and
   * T are given, the rest are the training defaults (betas 1e-4 … 0.02, the result
   * clamped, no weight average).
   */
  static DdpmServing fromCheckpoint(CheckpointReader r, int imageSize, int timesteps) {
    long[] conv0 = r.require("unet/conv0/kernel").shape().asArray();
    List<Integer> widths = new ArrayList<>();
    widths.add((int) conv0[3]);
    for (int i = 0; r.entry("unet/down" + i + "/conv1/kernel").isPresent(); i++) {
      widths.add((int) r.require("unet/down" + i + "/conv1/kernel").shape().get(3));
    }
    int embedding = (int) r.require("unet/time_mlp/kernel").shape().get(0);
    DiffusionSettings d = DiffusionSettings.defaults();
    return new DdpmServing(UnetSettings.builder().widths(widths).channels((int) conv0[2]).imageSize(imageSize)
        .timeEmbedding(embedding).build(), timesteps,
        d.betaStart(), d.betaEnd(), false, 0f);
  }

  @Override
  public ModelPlugin plugin() {
    return new DiffusionPlugin();
  }

  @Override
  public String checkpointKey(Parameters.Param p) {
    return ema > 0 && p.trainable() ? WeightAverage.averageName(p.name()) : p.name();
  }

  @Override
  public List<Signature> build(Ops tf, Parameters params) {
    SimpleUnet.create(tf, params, unet);
    List<Operand<TFloat32>> weights = params.all().stream().map(Parameters.Param::value).toList();
    Signatures.SampleInputs sample = Signatures.SampleInputs.create(tf);
    GaussianDiffusion diffusion = GaussianDiffusion.linear(timesteps, betaStart, betaEnd);
    ReverseChain chain = ReverseChain.build(tf, diffusion, unet, weights, sample.count(), sample.seed(), null,
        clampEveryStep, convs, "ddpm_sample");
    Operand<TFloat32> images = tf.withName(Signatures.IMAGES).identity(chain.images());
    return List.of(sample.addTo(Signatures.predict(Signatures.SAMPLE)).output(Signatures.IMAGES, images).build());
  }
}
