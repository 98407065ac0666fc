package org.genmodels.diffusion;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.nn.BatchNorm;
import org.genmodels.shared.nn.ConvOp;
import org.genmodels.shared.nn.Parameters;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * The whole reverse process as one while loop in the graph, so that one session run draws images
 * through all T steps: x_T from {@link GaussianDiffusion#initialNoise} (keyed by {@code [seed, T]}),
 * then for t = T − 1 … 0 one {@link GaussianDiffusion#samplingStep} (its z keyed by
 * {@code [seed, t]}) with the network in inference mode (batch norm on its moving averages). Both
 * the training-time sampler ({@link SamplerGraph}) and the export ({@link DdpmServing}) build it,
 * so they draw the same pixels for a seed; the noise depends only on the seed and t, so the loop
 * draws what T separate runs of the step would.
 *
 * <p>A loop body cannot read the outer graph's tensors, the variables included: the weights (in
 * the order {@link SimpleUnet#create} asks for them, see {@link Parameters#fromValues}), the seed
 * and the snapshot steps enter it as loop variables that pass through unchanged. Unrolling the T
 * steps instead builds in time quadratic in T with TF Java's name scopes (31 s at T = 50).
 *
 * <p>Snapshots: where {@code snapshotSteps} ({@code int32 [K]}) is given, the loop also carries
 * {@code frames} {@code [K, count, S, S, C]}, zeros at first; at step t, every frame k with
 * {@code snapshotSteps[k] == t} becomes the images right after that step (a select, no
 * TensorArray). A step listed twice fills both frames; a step outside [0, T) leaves its frame zero.
 *
 * <p>The network's convs run as {@code convs} says ({@link ConvOp}): the training-time sampler in
 * float32 uses {@link ConvOp#forInference}'s (the generic conv where {@code ConvChoice} picks it:
 * faster where oneDNN's conv kernels are slow); the export
 * keeps {@code Conv2D}, which any TensorFlow serves and the bf16 rewrite casts.
 *
 * @param images the images after the step at t = 0, {@code [count, S, S, C]}
 * @param frames the snapshots {@code [K, count, S, S, C]}, or null where none were asked for
 */
record ReverseChain(Operand<TFloat32> images, Operand<TFloat32> frames) {
  /** Loop variables before the optional snapshot pair and the weights. */
  private static final int T = 0;
  private static final int X = 1;
  private static final int SEED = 2;

  /**
   * Adds the loop to {@code tf}'s graph.
   *
   * @param diffusion      the schedule (T, betas)
   * @param unet           the network's shape
   * @param weights        every parameter of the network, values in creation order
   * @param count          how many images, an {@code int32} scalar
   * @param seed           the sampling seed, an {@code int64} scalar
   * @param snapshotSteps  the timesteps to keep snapshots after, {@code int32 [K]}; null: none
   * @param clampEveryStep clamp after every step (the seed's) rather than the result only
   * @param convs          the op the network's convs run as
   * @param name           the loop's name, unique in the graph
   */
  static ReverseChain build(Ops tf, GaussianDiffusion diffusion, UnetSettings unet, List<Operand<TFloat32>> weights,
      Operand<TInt32> count, Operand<TInt64> seed, Operand<TInt32> snapshotSteps, boolean clampEveryStep,
      ConvOp convs, String name) {
    int size = unet.imageSize();
    int channels = unet.channels();
    boolean snapshots = snapshotSteps != null;
    int first = snapshots ? 5 : 3;
    // a loop variable keeps its static shape: the batch unknown, the image's sides stated
    Operand<TFloat32> initial = tf.reshape(diffusion.initialNoise(tf, count, seed, size, channels),
        tf.constant(new int[] {-1, size, size, channels}));
    Output<?>[] inputs = new Output<?>[first + weights.size()];
    inputs[T] = tf.constant(diffusion.timesteps() - 1).asOutput();
    inputs[X] = initial.asOutput();
    inputs[SEED] = seed.asOutput();
    if (snapshots) {
      Operand<TInt32> frameShape = tf.concat(List.of(tf.shape(snapshotSteps), tf.reshape(count, tf.constant(new int[] {1})),
          tf.constant(new int[] {size, size, channels})), tf.constant(0));
      inputs[3] = snapshotSteps.asOutput();
      inputs[4] = tf.fill(frameShape, tf.constant(0f)).asOutput();
    }
    for (int i = 0; i < weights.size(); i++) {
      inputs[first + i] = weights.get(i).asOutput();
    }
    Graph graph = (Graph) tf.scope().env();
    Output<?>[] outputs = graph.whileLoop(inputs,
        (cond, in, out) -> {
          Ops c = Ops.create(cond);
          out[0] = c.math.greaterEqual(cast(in[T], TInt32.class), c.constant(0)).asOutput();
        },
        (body, in, out) -> step(Ops.create(body), diffusion, unet, clampEveryStep, convs, snapshots, first, in, out),
        name);
    // a loop's outputs have no static shape; state it
    Operand<TFloat32> images = tf.reshape(cast(outputs[X], TFloat32.class),
        tf.constant(new int[] {-1, size, size, channels}));
    return new ReverseChain(images, snapshots ? cast(outputs[4], TFloat32.class) : null);
  }

  /** The loop's body: one reverse step at t (and the snapshots it fills), then t − 1; the rest pass through. */
  private static void step(Ops b, GaussianDiffusion diffusion, UnetSettings unet, boolean clampEveryStep,
      ConvOp convs, boolean snapshots, int first, Output<?>[] in, Output<?>[] out) {
    int size = unet.imageSize();
    Operand<TInt32> t = cast(in[T], TInt32.class);
    Operand<TFloat32> x = b.reshape(cast(in[X], TFloat32.class), b.constant(new int[] {-1, size, size, unet.channels()}));
    Operand<TInt64> seed = cast(in[SEED], TInt64.class);
    List<Operand<TFloat32>> weights = new ArrayList<>();
    for (int i = first; i < in.length; i++) {
      weights.add(cast(in[i], TFloat32.class));
    }
    SimpleUnet network = SimpleUnet.create(b, Parameters.fromValues(weights), unet).with(convs);
    GaussianDiffusion.NoisePredictor model = (ops, images, steps) -> network.apply(ops, images, steps,
        BatchNorm.Mode.INFERENCE, new ArrayList<>());
    Operand<TFloat32> next = diffusion.samplingStep(b, model, x, t, seed, clampEveryStep);
    out[T] = b.math.sub(t, b.constant(1)).asOutput();
    out[X] = next.asOutput();
    for (int i = SEED; i < in.length; i++) {
      out[i] = b.identity(cast(in[i], TType.class)).asOutput();
    }
    if (snapshots) {
      Operand<TInt32> steps = cast(in[3], TInt32.class);
      Operand<TFloat32> frames = cast(in[4], TFloat32.class);
      // [K, 1, 1, 1, 1] against [1, n, S, S, C] and [K, n, S, S, C]: SelectV2 broadcasts
      Operand<TBool> now = b.reshape(b.math.equal(steps, t),
          b.constant(new int[] {-1, 1, 1, 1, 1}));
      out[4] = b.select(now, b.expandDims(next, b.constant(0)), frames).asOutput();
    }
  }

  @SuppressWarnings("unchecked")
  private static <U extends TType> Operand<U> cast(Output<?> o, Class<U> type) {
    return (Operand<U>) o;
  }
}
