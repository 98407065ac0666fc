package org.genmodels.savedmodels;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.diffusion.DiffusionSettings;
import org.genmodels.diffusion.GaussianDiffusion;
import org.genmodels.diffusion.SimpleUnet;
import org.genmodels.diffusion.UnetSettings;
import org.genmodels.shared.nn.BatchNorm;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.tf.CheckpointReader;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The DDPM's inference graph ({@code diffusion/}): {@code sample} (count, seed → images
 * {@code [count, S, S, C]} in [-1, 1]), all T reverse steps unrolled into the graph with the
 * network in inference mode (batch norm on its moving averages). The noise is keyed as
 * {@code Diffusion.sample} keys it — x_T by {@code [seed, T]}, step t's by {@code [seed, t]} — so
 * an export draws the pixels the trained model draws for the same seed. T copies of the network
 * share one set of weights; the graph grows with T (about 100 ops a step), not the export's
 * variables.
 *
 * @param unet           the network's shape
 * @param timesteps      T (betas linear from 1e-4 to 0.02, as the training default)
 * @param clampEveryStep clamp after every step (the seed's) rather than the result only
 */
public record DdpmServing(UnetSettings unet, int timesteps, boolean clampEveryStep) implements ServingModel {
  /** The graph of the model {@code s} describes. */
  public static DdpmServing of(DiffusionSettings s) {
    return new DdpmServing(s.unet(), s.timesteps(), s.clampEveryStep());
  }

  /**
   * The network a checkpoint's variable shapes describe; the image side, T and the clamp are not
   * in them and come from {@code hints}.
   */
  static DdpmServing fromCheckpoint(CheckpointReader r, CheckpointHints hints) {
    long[] conv0 = r.require("unet/conv0/kernel").shape().asArray();
    List<Integer> widths = new ArrayList<>();
    widths.add((int) conv0[3]);
    for (int i = 0; r.entry("unet/down" + i + "/conv1/kernel").isPresent(); i++) {
      widths.add((int) r.require("unet/down" + i + "/conv1/kernel").shape().get(3));
    }
    int embedding = (int) r.require("unet/time_mlp/kernel").shape().get(0);
    return new DdpmServing(new UnetSettings(widths, (int) conv0[2], hints.imageSize(), embedding), hints.timesteps(),
        false);
  }

  @Override
  public ModelKind kind() {
    return ModelKind.DDPM;
  }

  @Override
  public List<Signature> build(Ops tf, Parameters params) {
    SimpleUnet network = SimpleUnet.create(tf, params, unet);
    GaussianDiffusion diffusion = DiffusionSettings.defaults().withTimesteps(timesteps).diffusion();
    Signatures.SampleInputs sample = Signatures.SampleInputs.create(tf);
    int size = unet.imageSize();
    Operand<TInt32> shape = tf.concat(List.of(tf.reshape(sample.count(), tf.constant(new int[] {1})),
        tf.constant(new int[] {size, size, unet.channels()})), tf.constant(0));
    Operand<TFloat32> x = tf.random.statelessRandomNormal(shape,
        tf.stack(List.of(sample.seed(), tf.constant((long) timesteps))), TFloat32.class);
    GaussianDiffusion.NoisePredictor model = (ops, in, steps) -> network.apply(ops, in, steps,
        BatchNorm.Mode.INFERENCE, new ArrayList<>());
    for (int t = timesteps - 1; t >= 0; t--) {
      Ops step = tf.withSubScope("step" + t);
      Operand<TInt32> perImage = step.fill(step.reshape(sample.count(), step.constant(new int[] {1})),
          step.constant(t));
      Operand<TFloat32> z = step.random.statelessRandomNormal(shape,
          step.stack(List.of(sample.seed(), step.constant((long) t))), TFloat32.class);
      x = clampEveryStep || t == 0 ? diffusion.reverseStep(step, model, x, perImage, z)
          : diffusion.pSample(step, model, x, perImage, z);
    }
    Operand<TFloat32> images = tf.withName(Signatures.IMAGES).identity(x);
    return List.of(sample.addTo(Signatures.predict(Signatures.SAMPLE)).output(Signatures.IMAGES, images).build());
  }
}
