package org.genmodels.diffusion;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.nn.BatchNorm;
import org.genmodels.shared.nn.ConvOp;
import org.genmodels.shared.nn.Gaussian;
import org.genmodels.shared.nn.ImageInput;
import org.genmodels.shared.nn.Losses;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.nn.StepKey;
import org.genmodels.shared.train.Adam;
import org.genmodels.shared.train.WeightAverage;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The graph of seed 004's DDPM (MODELS.md §5; Ho et al., "Denoising Diffusion Probabilistic
 * Models", 2020): the {@link SimpleUnet} learns to predict the noise that {@link GaussianDiffusion#qSample}
 * added, with the L1 loss of the seed. NHWC where the script is NCHW.
 * <pre>
 *   x0     = frame(pixels / 255 · 2 − 1)         [B, S, S, C]   (MNIST: 28×28 padded to 32×32 with −1)
 *   t      ~ U{0, …, T−1}  [B],  noise ~ N(0, I)  both drawn statelessly from (seed, global step)
 *   loss   = mean |noise − unet(qSample(x0, t, noise), t)|   (batch norm in training mode)
 * </pre>
 *
 * @param input        images: bytes {@code pixels} {@code [B, h, w, c]} in the data set's shape, or
 *                     floats {@code x} in [-1, 1]
 * @param x0           the images at the network's size {@code [B, S, S, C]}
 * @param t            timesteps {@code int32 [B]}, placeholder-with-default {@code t}: drawn in the
 *                     graph unless fed (evaluation feeds fixed ones)
 * @param noise        the noise {@code [B, S, S, C]}, placeholder-with-default {@code noise}, likewise
 * @param xNoisy       {@code qSample(x0, t, noise)}
 * @param predicted    the network's noise prediction, batch norm in training mode
 * @param loss         the mean absolute error of {@code predicted}
 * @param evalLoss     the same loss with batch norm in inference mode (moving averages)
 * @param stateUpdates the batch norms' moving-average updates, to run with every training step
 * @param sampler      the reverse process, all T steps in one run
 * @param diffusion    the schedule
 * @param unet         the network
 * @param params       every variable: the network's weights and the batch norms' moving statistics
 */
public record DiffusionModel(ImageInput input, Operand<TFloat32> x0, Operand<TInt32> t, Operand<TFloat32> noise,
                             Operand<TFloat32> xNoisy, Operand<TFloat32> predicted, Operand<TFloat32> loss,
                             Operand<TFloat32> evalLoss, List<Op> stateUpdates, SamplerGraph sampler,
                             GaussianDiffusion diffusion, SimpleUnet unet, Parameters params) {
  /** Images pad with black: −1 in [-1, 1]. */
  static final float BACKGROUND = -1f;

  /** Builds the model of {@code s} for data-set images of shape {@code source} into {@code tf}'s graph. */
  public static DiffusionModel build(Ops tf, DiffusionSettings s, ImageShape source, Seeds seeds) {
    Parameters params = new Parameters(seeds);
    UnetSettings u = s.unet();
    GaussianDiffusion diffusion = s.diffusion();
    // float32 trains on the generic conv where ConvChoice picks it (its forward; the backward is
    // Conv2D's kernels): a step in 0.90× the time on an AMD Zen 5, level on an AVX2 EPYC
    SimpleUnet unet = SimpleUnet.create(tf, params, u).with(s.precision()).with(ConvOp.forTraining(s.precision()));
    ImageInput input = ImageInput.create(tf, PixelRange.SYMMETRIC, source.height(), source.width(), source.channels());
    Operand<TFloat32> x0 = tf.withName("x0").identity(
        ImageFraming.frame(tf, input.x(), u.imageSize(), u.channels(), BACKGROUND));

    Operand<TInt32> batch = Losses.firstDimension(tf, x0);
    Operand<TInt32> drawnT = tf.random.statelessRandomUniformInt(batch, StepKey.next(tf, seeds), tf.constant(0),
        tf.constant(diffusion.timesteps()));
    Operand<TInt32> t = tf.withName("t").placeholderWithDefault(drawnT, Shape.of(-1));
    Operand<TFloat32> drawnNoise = Gaussian.stepNormal(tf, tf.shape(x0), seeds);
    Operand<TFloat32> noise = tf.withName("noise").placeholderWithDefault(drawnNoise,
        Shape.of(-1, u.imageSize(), u.imageSize(), u.channels()));
    Operand<TFloat32> xNoisy = tf.withName("x_noisy").identity(diffusion.qSample(tf, x0, t, noise));

    List<Op> updates = new ArrayList<>();
    Operand<TFloat32> predicted = tf.withName("predicted_noise").identity(
        unet.apply(tf, xNoisy, t, BatchNorm.Mode.TRAINING, updates));
    Operand<TFloat32> loss = tf.withName("loss").identity(l1(tf, noise, predicted));
    Operand<TFloat32> evalPredicted = unet.apply(tf, xNoisy, t, BatchNorm.Mode.INFERENCE, new ArrayList<>());
    Operand<TFloat32> evalLoss = tf.withName("eval_loss").identity(l1(tf, noise, evalPredicted));

    // before anything else adds variables to params: the sampler takes every one as the network's
    SamplerGraph sampler = SamplerGraph.build(tf, diffusion, params, u, s.clampEveryStep(), s.precision());
    return new DiffusionModel(input, x0, t, noise, xNoisy, predicted, loss, evalLoss, List.copyOf(updates),
        sampler, diffusion, unet, params);
  }

  /** PyTorch's {@code F.l1_loss}: the mean absolute difference over every element. */
  static Operand<TFloat32> l1(Ops tf, Operand<TFloat32> target, Operand<TFloat32> output) {
    return Losses.meanAll(tf, tf.math.abs(tf.math.sub(target, output)));
  }

  /**
   * The training step and, when asked for, the weight average it keeps.
   *
   * @param step    the op to run per training step, {@code diffusion_train_step}
   * @param average the weights' moving average, updated by {@code step}; null when none is kept
   */
  public record TrainStep(Op step, WeightAverage average) {
  }

  /**
   * One training step: an Adam update of the network's weights ({@link Adam#minimize}, which also
   * counts the step), the batch norms' moving-average updates, which are variables too but not
   * trainable, and with {@code emaDecay > 0} the update of the weights' average after both.
   */
  public TrainStep trainStep(Ops tf, Adam.Settings adam, float emaDecay) {
    List<Op> all = new ArrayList<>(stateUpdates);
    all.add(Adam.minimize(tf, loss, params.trainableVariables(), adam));
    Op step = tf.withControlDependencies(all).noOp();
    if (emaDecay == 0) {
      return new TrainStep(tf.withControlDependencies(List.of(step)).withName("diffusion_train_step").noOp(), null);
    }
    WeightAverage average = WeightAverage.create(tf, params, emaDecay, step);
    Op withAverage = tf.withControlDependencies(List.of(average.update())).withName("diffusion_train_step").noOp();
    return new TrainStep(withAverage, average);
  }
}
