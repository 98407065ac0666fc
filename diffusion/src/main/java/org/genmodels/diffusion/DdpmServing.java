package org.genmodels.diffusion;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.model.Signatures;
import org.genmodels.shared.nn.BatchNorm;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.train.WeightAverage;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * The DDPM's inference graph ({@code diffusion/}): {@code sample} (count, seed → images
 * {@code [count, S, S, C]} in [-1, 1]): the T reverse steps as one while loop whose body is the
 * network in inference mode (batch norm on its moving averages) and one
 * {@link GaussianDiffusion#samplingStep}, the step {@code Diffusion.sample} takes ({@link SamplerGraph}),
 * from the same {@link GaussianDiffusion#initialNoise}: the noise is keyed alike — x_T by
 * {@code [seed, T]}, step t's by {@code [seed, t]} — so an export draws the pixels the trained
 * model draws for the same seed.
 * A loop body cannot read the outer graph's variables, so the weights enter it as loop variables
 * that pass through unchanged ({@link Parameters#fromValues}); unrolling the T steps instead
 * builds in time quadratic in T with TF Java's name scopes (31 s at T = 50).
 *
 * <p>The weights are those the trained model samples with: with a weight average ({@code ema}),
 * the averages, read from the checkpoint in place of the weights.
 *
 * @param unet           the network's shape
 * @param timesteps      T
 * @param betaStart      the first beta of the linear schedule
 * @param betaEnd        the last beta
 * @param clampEveryStep clamp after every step (the seed's) rather than the result only
 * @param ema            the decay of the weight average the model samples with; 0: none
 */
public record DdpmServing(UnetSettings unet, int timesteps, double betaStart, double betaEnd,
                          boolean clampEveryStep, float ema) implements ServingModel {
  /** The graph of the model {@code s} describes: its network, schedule, clamp and weight average. */
  public static DdpmServing of(DiffusionSettings s) {
    return new DdpmServing(s.unet(), s.timesteps(), s.betaStart(), s.betaEnd(), s.clampEveryStep(), s.ema());
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
    int size = unet.imageSize();
    GaussianDiffusion diffusion = GaussianDiffusion.linear(timesteps, betaStart, betaEnd);
    // a loop variable's shape is fixed: the batch unknown, the image's sides stated
    Operand<TFloat32> initial = tf.reshape(diffusion.initialNoise(tf, sample.count(), sample.seed(), size,
        unet.channels()), tf.constant(new int[] {-1, size, size, unet.channels()}));
    // loop variables: t, x, seed, then every weight (a loop body cannot read the outer graph)
    Output<?>[] inputs = new Output<?>[3 + weights.size()];
    inputs[0] = tf.constant(timesteps - 1).asOutput();
    inputs[1] = initial.asOutput();
    inputs[2] = sample.seed().asOutput();
    for (int i = 0; i < weights.size(); i++) {
      inputs[3 + i] = weights.get(i).asOutput();
    }
    Graph graph = (Graph) tf.scope().env();
    Output<?>[] outputs = graph.whileLoop(inputs,
        (cond, in, out) -> {
          Ops c = Ops.create(cond);
          out[0] = c.math.greaterEqual(cast(in[0], TInt32.class), c.constant(0)).asOutput();
        },
        (body, in, out) -> reverseStep(Ops.create(body), in, out), "ddpm_sample");
    // a loop's outputs have no static shape; the signature states it
    Operand<TFloat32> images = tf.withName(Signatures.IMAGES).reshape(cast(outputs[1], TFloat32.class),
        tf.constant(new int[] {-1, size, size, unet.channels()}));
    return List.of(sample.addTo(Signatures.predict(Signatures.SAMPLE)).output(Signatures.IMAGES, images).build());
  }

  /** The loop's body: one reverse step at t, then t − 1; seed and weights pass through. */
  private void reverseStep(Ops b, Output<?>[] in, Output<?>[] out) {
    GaussianDiffusion diffusion = GaussianDiffusion.linear(timesteps, betaStart, betaEnd);
    Operand<TInt32> t = cast(in[0], TInt32.class);
    int size = unet.imageSize();
    Operand<TFloat32> x = b.reshape(cast(in[1], TFloat32.class),
        b.constant(new int[] {-1, size, size, unet.channels()}));
    Operand<TInt64> seed = cast(in[2], TInt64.class);
    List<Operand<TFloat32>> weights = new ArrayList<>();
    for (int i = 3; i < in.length; i++) {
      weights.add(cast(in[i], TFloat32.class));
    }
    SimpleUnet network = SimpleUnet.create(b, Parameters.fromValues(weights), unet);
    GaussianDiffusion.NoisePredictor model = (ops, images, steps) -> network.apply(ops, images, steps,
        BatchNorm.Mode.INFERENCE, new ArrayList<>());
    Operand<TFloat32> next = diffusion.samplingStep(b, model, x, t, seed, clampEveryStep);
    out[0] = b.math.sub(t, b.constant(1)).asOutput();
    out[1] = next.asOutput();
    for (int i = 2; i < in.length; i++) {
      out[i] = b.identity(cast(in[i], TType.class)).asOutput();
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends TType> Operand<T> cast(Output<?> o, Class<T> type) {
    return (Operand<T>) o;
  }
}
