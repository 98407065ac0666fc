package org.genmodels.diffusion;

import java.util.List;
import org.genmodels.shared.nn.ConvOp;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Precision;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The graph of seed 004's sampling loop in the training graph, all T reverse steps in one session
 * run ({@link ReverseChain}, the loop an export's {@link DdpmServing} runs): fed {@code count},
 * the sampling seed and the timesteps to keep snapshots after, {@code images} is x_0 and
 * {@code frames} the snapshots. The network runs in inference mode with the weights the graph's
 * variables hold at that run (so a swapped-in weight average samples too). Step t's noise is drawn
 * statelessly from {@code [seed, t]} and x_T from {@code [seed, T]}: the same seed gives the same
 * pixels, whatever else the session has run, and as T runs of {@link GaussianDiffusion#samplingStep}
 * would. The result is clamped to [-1, 1] — or every step is, as the seed does, when asked for
 * (the samples then come out as textured blobs). In a float32 graph the network's convs run as
 * {@link ConvOp#forInference} picks: TensorFlow's generic {@code Conv} op where {@code ConvChoice}
 * says so ({@link ConvOp#GENERIC}, 0.74× the time of 64 samples on an AMD Zen 5, 1.2× on an AVX2
 * EPYC, which keeps {@code Conv2D}); a graph built for bf16 keeps {@code Conv2D} for the rewrite to
 * cast.
 *
 * <p>Being one run, it reports no progress per step: callers can say only when it starts and ends.
 *
 * @param count         how many images, {@code int32} scalar, placeholder {@code sampler/count}
 * @param seed          the sampling seed, {@code int64} scalar, placeholder {@code sampler/seed}
 * @param snapshotSteps the timesteps to keep the images after, {@code int32 [K]}, placeholder
 *                      {@code sampler/snapshot_steps} (may be empty)
 * @param images        the samples {@code [count, S, S, C]}, {@code sampler/images}
 * @param frames        the snapshots {@code [K, count, S, S, C]}, {@code sampler/frames}; frame k
 *                      is the images right after the step at {@code snapshotSteps[k]}
 */
public record SamplerGraph(Placeholder<TInt32> count, Placeholder<TInt64> seed, Placeholder<TInt32> snapshotSteps,
                           Operand<TFloat32> images, Operand<TFloat32> frames) {

  /**
   * Adds the sampler of the network {@code params} holds (built by {@link SimpleUnet#create} with
   * {@code u}; every parameter in it belongs to the network) to {@code tf}'s graph, for a session
   * that runs in {@code precision}.
   */
  static SamplerGraph build(Ops tf, GaussianDiffusion diffusion, Parameters params, UnetSettings u,
      boolean clampEveryStep, Precision precision) {
    Ops s = tf.withSubScope("sampler");
    Placeholder<TInt32> count = s.withName("count").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
    Placeholder<TInt64> seed = s.withName("seed").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    Placeholder<TInt32> steps = s.withName("snapshot_steps").placeholder(TInt32.class,
        Placeholder.shape(Shape.of(-1)));
    List<Operand<TFloat32>> weights = params.all().stream().map(Parameters.Param::value).toList();
    ReverseChain chain = ReverseChain.build(s, diffusion, u, weights, count, seed, steps, clampEveryStep,
        ConvOp.forInference(precision), "sampler/chain");
    return new SamplerGraph(count, seed, steps, s.withName("images").identity(chain.images()),
        s.withName("frames").identity(chain.frames()));
  }
}
