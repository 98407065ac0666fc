package org.genmodels.diffusion;

import java.util.List;
import org.genmodels.shared.nn.Losses;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The diffusion process of seed 004 (MODELS.md §5), Ho et al., "Denoising Diffusion Probabilistic
 * Models" (2020), separate from the network that predicts the noise: the linear beta schedule,
 * every table the seed derives from it (computed here in double, used in the graph as float32),
 * the forward process {@link #qSample}, one reverse step {@link #pSample}, and the sampling
 * loop's start {@link #initialNoise} and step {@link #samplingStep}.
 * <pre>
 *   betas = linspace(betaStart, betaEnd, T)         alphas = 1 − betas
 *   alphasCumprod = cumprod(alphas)                 alphasCumprodPrev = [1, alphasCumprod[:-1]]
 *   sqrtRecipAlphas = sqrt(1 / alphas)              sqrtAlphasCumprod = sqrt(alphasCumprod)
 *   sqrtOneMinusAlphasCumprod = sqrt(1 − alphasCumprod)
 *   posteriorVariance = betas · (1 − alphasCumprodPrev) / (1 − alphasCumprod)
 * </pre>
 * Timesteps are 0-based as in the seed (its t = 0 is the paper's t = 1). Graph shapes: images
 * {@code [B, H, W, C]}, timesteps {@code int32 [B]}, one per image. Immutable and thread-safe;
 * the graph methods only add ops to the caller's graph.
 */
public final class GaussianDiffusion {
  /** Predicts the noise in images {@code x} {@code [B, H, W, C]} at timesteps {@code t} {@code [B]}. */
  @FunctionalInterface
  public interface NoisePredictor {
    Operand<TFloat32> predict(Ops tf, Operand<TFloat32> x, Operand<TInt32> t);
  }

  private final double[] betas;
  private final double[] alphas;
  private final double[] alphasCumprod;
  private final double[] alphasCumprodPrev;
  private final double[] sqrtRecipAlphas;
  private final double[] sqrtAlphasCumprod;
  private final double[] sqrtOneMinusAlphasCumprod;
  private final double[] posteriorVariance;

  private GaussianDiffusion(double[] betas) {
    int n = betas.length;
    this.betas = betas;
    alphas = new double[n];
    alphasCumprod = new double[n];
    alphasCumprodPrev = new double[n];
    sqrtRecipAlphas = new double[n];
    sqrtAlphasCumprod = new double[n];
    sqrtOneMinusAlphasCumprod = new double[n];
    posteriorVariance = new double[n];
    double product = 1;
    for (int t = 0; t < n; t++) {
      alphas[t] = 1 - betas[t];
      alphasCumprodPrev[t] = product;
      product *= alphas[t];
      alphasCumprod[t] = product;
      sqrtRecipAlphas[t] = Math.sqrt(1 / alphas[t]);
      sqrtAlphasCumprod[t] = Math.sqrt(alphasCumprod[t]);
      sqrtOneMinusAlphasCumprod[t] = Math.sqrt(1 - alphasCumprod[t]);
      posteriorVariance[t] = betas[t] * (1 - alphasCumprodPrev[t]) / (1 - alphasCumprod[t]);
    }
  }

  /**
   * The seed's {@code linear_beta_schedule}: {@code timesteps} betas evenly spaced from
   * {@code start} to {@code end}, both included.
   */
  public static GaussianDiffusion linear(int timesteps, double start, double end) {
    if (timesteps < 2) {
      throw new IllegalArgumentException("the schedule needs at least 2 timesteps, got " + timesteps);
    }
    if (!(start > 0 && start <= end && end < 1)) {
      throw new IllegalArgumentException("betas must satisfy 0 < start <= end < 1, got " + start + " … " + end);
    }
    double[] betas = new double[timesteps];
    for (int t = 0; t < timesteps; t++) {
      betas[t] = start + (end - start) * t / (timesteps - 1);
    }
    return new GaussianDiffusion(betas);
  }

  /** T, the number of diffusion steps. */
  public int timesteps() {
    return betas.length;
  }

  public double[] betas() {
    return betas.clone();
  }

  public double[] alphas() {
    return alphas.clone();
  }

  public double[] alphasCumprod() {
    return alphasCumprod.clone();
  }

  public double[] alphasCumprodPrev() {
    return alphasCumprodPrev.clone();
  }

  public double[] sqrtRecipAlphas() {
    return sqrtRecipAlphas.clone();
  }

  public double[] sqrtAlphasCumprod() {
    return sqrtAlphasCumprod.clone();
  }

  public double[] sqrtOneMinusAlphasCumprod() {
    return sqrtOneMinusAlphasCumprod.clone();
  }

  public double[] posteriorVariance() {
    return posteriorVariance.clone();
  }

  /**
   * The forward process in closed form, a draw of q(x_t | x_0):
   * {@code sqrtAlphasCumprod[t] · x0 + sqrtOneMinusAlphasCumprod[t] · noise}, noise ~ N(0, I)
   * given by the caller ({@code [B, H, W, C]} like x0).
   */
  public Operand<TFloat32> qSample(Ops tf, Operand<TFloat32> x0, Operand<TInt32> t, Operand<TFloat32> noise) {
    Ops scope = tf.withSubScope("q_sample");
    return scope.math.add(scope.math.mul(extract(scope, sqrtAlphasCumprod, t), x0),
        scope.math.mul(extract(scope, sqrtOneMinusAlphasCumprod, t), noise));
  }

  /**
   * One reverse step, the seed's {@code sample_timestep}: with the model's noise prediction,
   * {@code mean = sqrtRecipAlphas[t] · (x − betas[t] · model(x, t) / sqrtOneMinusAlphasCumprod[t])};
   * the result is {@code mean} where t = 0 and {@code mean + sqrt(posteriorVariance[t]) · z}
   * elsewhere, z ~ N(0, I) given by the caller. Not clamped (see {@link #reverseStep}).
   */
  public Operand<TFloat32> pSample(Ops tf, NoisePredictor model, Operand<TFloat32> x, Operand<TInt32> t,
      Operand<TFloat32> z) {
    Operand<TFloat32> eps = model.predict(tf, x, t);
    Ops scope = tf.withSubScope("p_sample");
    Operand<TFloat32> scaledEps = scope.math.div(scope.math.mul(extract(scope, betas, t), eps),
        extract(scope, sqrtOneMinusAlphasCumprod, t));
    Operand<TFloat32> mean = scope.math.mul(extract(scope, sqrtRecipAlphas, t), scope.math.sub(x, scaledEps));
    Operand<TFloat32> noisy = scope.math.add(mean, scope.math.mul(scope.math.sqrt(
        extract(scope, posteriorVariance, t)), z));
    Operand<TInt32> t4 = scope.reshape(t, scope.constant(new int[] {-1, 1, 1, 1}));
    return scope.select(scope.math.greater(t4, scope.constant(0)), noisy, mean);
  }

  /** {@link #pSample} clamped to [-1, 1], as the seed's sampling loop does after every step. */
  public Operand<TFloat32> reverseStep(Ops tf, NoisePredictor model, Operand<TFloat32> x, Operand<TInt32> t,
      Operand<TFloat32> z) {
    return tf.clipByValue(pSample(tf, model, x, t, z), tf.constant(-1f), tf.constant(1f));
  }

  /**
   * x_T for the sampling loop: {@code count} images of pure noise N(0, I)
   * {@code [count, size, size, channels]}, drawn statelessly from {@code [seed, T]} ({@code count}
   * an int32 scalar, {@code seed} an int64 scalar), so the same seed starts from the same noise in
   * training-time sampling ({@link SamplerGraph}) and in an export ({@link DdpmServing}).
   */
  public Operand<TFloat32> initialNoise(Ops tf, Operand<TInt32> count, Operand<TInt64> seed, int size,
      int channels) {
    Operand<TInt32> shape = tf.concat(List.of(tf.reshape(count, tf.constant(new int[] {1})),
        tf.constant(new int[] {size, size, channels})), tf.constant(0));
    return tf.random.statelessRandomNormal(shape, tf.stack(List.of(seed, tf.constant((long) timesteps()))),
        TFloat32.class);
  }

  /**
   * One step of the sampling loop, the one both training-time sampling ({@link SamplerGraph}) and
   * the export ({@link DdpmServing}) take: {@link #pSample} of images {@code x} {@code [B, H, W, C]}
   * at timestep {@code t} (an int32 scalar, the same for every image), its z drawn statelessly from
   * {@code [seed, t]} ({@code seed} an int64 scalar), so the same seed gives the same pixels whatever
   * else the graph has run. The result, at t = 0, is clamped to [-1, 1]; with
   * {@code clampEveryStep}, every step is, as the seed does ({@link #reverseStep}: clipping the first
   * steps' pure noise takes the chain off the distribution the network learned).
   */
  public Operand<TFloat32> samplingStep(Ops tf, NoisePredictor model, Operand<TFloat32> x, Operand<TInt32> t,
      Operand<TInt64> seed, boolean clampEveryStep) {
    Operand<TInt32> perImage = tf.fill(Losses.firstDimension(tf, x), t);
    Operand<TFloat32> z = tf.random.statelessRandomNormal(tf.shape(x),
        tf.stack(List.of(seed, tf.dtypes.cast(t, TInt64.class))), TFloat32.class);
    if (clampEveryStep) {
      return reverseStep(tf, model, x, perImage, z);
    }
    Operand<TFloat32> step = pSample(tf, model, x, perImage, z);
    return tf.select(tf.math.equal(t, tf.constant(0)), tf.clipByValue(step, tf.constant(-1f), tf.constant(1f)), step);
  }

  /** The seed's {@code get_index_from_list}: {@code table[t]} shaped {@code [B, 1, 1, 1]}. */
  private static Operand<TFloat32> extract(Ops tf, double[] table, Operand<TInt32> t) {
    float[] values = new float[table.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) table[i];
    }
    Operand<TFloat32> picked = tf.gather(tf.constant(values), t, tf.constant(0));
    return tf.reshape(picked, tf.constant(new int[] {-1, 1, 1, 1}));
  }

  @Override
  public String toString() {
    return "linear betas " + betas[0] + " … " + betas[betas.length - 1] + ", T " + betas.length;
  }
}
