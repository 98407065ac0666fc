package org.genmodels.diffusion;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The graph of seed 004's sampling loop, one reverse step per session run: fed the images
 * {@code x} {@code [n, S, S, C]}, the timestep {@code t} (a scalar, the same for every image) and
 * the sampling seed, {@code next} is {@link GaussianDiffusion#samplingStep} with the network in
 * inference mode: {@link GaussianDiffusion#pSample} with {@code z} drawn in the graph, statelessly
 * from {@code [seed, t]}, clamped to [-1, 1] at t = 0 — or after every step, as the seed does, when
 * asked for (the samples then come out as textured blobs); and {@code initial} is x_T ~ N(0, I) for
 * {@code count} images, drawn from {@code [seed, T]} ({@link GaussianDiffusion#initialNoise}). So
 * the same seed gives the same pixels, whatever else the session has run, and as an export's
 * {@link DdpmServing} draws them. Only x crosses between Java and the graph each step.
 *
 * @param count   how many images {@code initial} draws, placeholder {@code sampler/count}
 * @param seed    the sampling seed, {@code int64} scalar, placeholder {@code sampler/seed}
 * @param initial pure noise {@code [count, S, S, C]}
 * @param x       the current images, placeholder {@code sampler/x}
 * @param t       the current timestep, {@code int32} scalar, placeholder {@code sampler/t}
 * @param next    the images one step later
 */
public record SamplerGraph(Placeholder<TInt32> count, Placeholder<TInt64> seed, Operand<TFloat32> initial,
                    Placeholder<TFloat32> x, Placeholder<TInt32> t, Operand<TFloat32> next) {

  static SamplerGraph build(Ops tf, GaussianDiffusion diffusion, GaussianDiffusion.NoisePredictor model,
      UnetSettings u, boolean clampEveryStep) {
    Ops s = tf.withSubScope("sampler");
    int size = u.imageSize();
    Placeholder<TInt32> count = s.withName("count").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
    Placeholder<TInt64> seed = s.withName("seed").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    Operand<TFloat32> initial = s.withName("initial").identity(
        diffusion.initialNoise(s, count, seed, size, u.channels()));
    Placeholder<TFloat32> x = s.withName("x").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, size, size, u.channels())));
    Placeholder<TInt32> t = s.withName("t").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
    Operand<TFloat32> next = s.withName("next").identity(diffusion.samplingStep(s, model, x, t, seed, clampEveryStep));
    return new SamplerGraph(count, seed, initial, x, t, next);
  }
}
