package org.genmodels.savedmodels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.genmodels.diffusion.GaussianDiffusion;
import org.genmodels.diffusion.SimpleUnet;
import org.genmodels.diffusion.UnetSettings;
import org.genmodels.shared.nn.BatchNorm;
import org.genmodels.shared.nn.Losses;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Session.Runner;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What the DDPM parity runs, added to the graph of an existing Java {@link SimpleUnet} (its own
 * variables, its fast paths): on fed {@code x_t}, t, noise and z (NHWC),
 * <ul>
 *   <li>{@code eps_eval}: the network with batch norm in inference mode (moving averages);</li>
 *   <li>{@code x_prev}: one reverse step {@link GaussianDiffusion#pSample} with noise z;</li>
 *   <li>{@code eps_train}: the network with batch statistics, summed in float64 as PyTorch sums
 *       them on a CPU (its moving-average updates are not run, so nothing changes); summed in
 *       float32 by TF's fused kernel, one ReLU input of the five-level fixture lands on the other
 *       side of zero and moves 84 of its 102 gradients by up to 4.4 %;</li>
 *   <li>the seed's loss {@code F.l1_loss(noise, eps_train)}, the mean absolute difference, and
 *       its {@code tf.gradients} with respect to every trainable variable (optional);</li>
 *   <li>for each ReLU of {@code eps_train}'s pass, how close its input comes to 0 and which
 *       variables lie behind it ({@link ReluKinks}), by a run of its own.</li>
 * </ul>
 * The L1 loss has a kink where {@code eps_train} equals the noise: its derivative there is
 * {@code −sign(noise − eps_train) / N}, which flips for an element whose distance to the noise is
 * below the two frameworks' difference in {@code eps_train} (the fixtures' closest elements lie
 * 1.3e-5 and 2.1e-5 from the noise, their {@code eps_train} differ by up to 1.2e-5 and 3.0e-5),
 * and one flipped element moves every gradient. So the gradients are taken of
 * {@code mean(s · (eps_train − noise))} with {@code s} fed: with {@code s = sign(eps_train − noise)}
 * of the reference's {@code eps_train}, this is the L1 loss wherever the two agree on the side (in
 * both fixtures, everywhere), and its gradient is the Java graph's backprop of exactly the loss
 * derivative autograd back-propagated.
 * The spatial size of the placeholders is static, as in training, so that the network takes the
 * same paths ({@code ConvComposition} needs the size when the graph is built). Graph building in
 * {@link #build}; {@link #run} and {@link #kinks} may be called from any thread.
 */
final class DdpmProbe {
  /**
   * One run's results, outputs back in NCHW.
   *
   * @param grads Java variable name → the loss's gradient, in the variable's layout (empty when
   *              the probe was built without gradients)
   */
  record Outputs(float[] epsEval, float[] xPrev, float[] epsTrain, float loss, Map<String, float[]> grads) {
  }

  /** The name scope of everything the probe adds. */
  private static final String SCOPE = "ddpm_parity";

  private final UnetSettings unet;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TInt32> t;
  private final Placeholder<TFloat32> noise;
  private final Placeholder<TFloat32> z;
  private final Placeholder<TFloat32> side;
  private final Operand<TFloat32> epsEval;
  private final Operand<TFloat32> xPrev;
  private final Operand<TFloat32> epsTrain;
  private final Operand<TFloat32> loss;
  private final List<Parameters.Param> trainable;
  private final Gradients grads;
  private final ReluKinks kinks;

  private DdpmProbe(UnetSettings unet, Placeholder<TFloat32> x, Placeholder<TInt32> t, Placeholder<TFloat32> noise,
      Placeholder<TFloat32> z, Placeholder<TFloat32> side, Operand<TFloat32> epsEval, Operand<TFloat32> xPrev,
      Operand<TFloat32> epsTrain, Operand<TFloat32> loss, List<Parameters.Param> trainable, Gradients grads,
      ReluKinks kinks) {
    this.unet = unet;
    this.x = x;
    this.t = t;
    this.noise = noise;
    this.z = z;
    this.side = side;
    this.epsEval = epsEval;
    this.xPrev = xPrev;
    this.epsTrain = epsTrain;
    this.loss = loss;
    this.trainable = trainable;
    this.grads = grads;
    this.kinks = kinks;
  }

  /** Adds the probe to {@code tf}'s graph, beside {@code net} whose variables {@code params} holds. */
  static DdpmProbe build(Ops tf, SimpleUnet net, GaussianDiffusion diffusion, Parameters params,
      boolean withGradients) {
    Ops scope = tf.withSubScope(SCOPE);
    UnetSettings u = net.settings();
    Shape images = Shape.of(-1, u.imageSize(), u.imageSize(), u.channels());
    Placeholder<TFloat32> x = scope.withName("x_t").placeholder(TFloat32.class, Placeholder.shape(images));
    Placeholder<TInt32> t = scope.withName("t").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    Placeholder<TFloat32> noise = scope.withName("noise").placeholder(TFloat32.class, Placeholder.shape(images));
    Placeholder<TFloat32> z = scope.withName("z").placeholder(TFloat32.class, Placeholder.shape(images));
    Operand<TFloat32> epsEval = net.apply(scope, x, t, BatchNorm.Mode.INFERENCE, new ArrayList<>());
    Operand<TFloat32> xPrev = diffusion.pSample(scope,
        (ops, xs, ts) -> net.apply(ops, xs, ts, BatchNorm.Mode.INFERENCE, new ArrayList<>()), x, t, z);
    // batch statistics summed in float64, as PyTorch sums them on a CPU (BatchNorm's javadoc says why)
    Operand<TFloat32> epsTrain = net.apply(scope, x, t, BatchNorm.Mode.TRAINING_FLOAT64_STATISTICS, new ArrayList<>());
    Operand<TFloat32> loss = Losses.meanAll(scope, scope.math.abs(scope.math.sub(noise, epsTrain)));
    Placeholder<TFloat32> side = scope.withName("side").placeholder(TFloat32.class, Placeholder.shape(images));
    Operand<TFloat32> sided = Losses.meanAll(scope, scope.math.mul(side, scope.math.sub(epsTrain, noise)));
    List<Parameters.Param> trainable = params.all().stream().filter(Parameters.Param::trainable).toList();
    Gradients grads = withGradients ? scope.withSubScope("gradients").gradients(sided,
        trainable.stream().map(Parameters.Param::variable).toList()) : null;
    ReluKinks kinks = ReluKinks.of(epsTrain, trainable.stream().map(Parameters.Param::name).collect(Collectors.toSet()));
    return new DdpmProbe(u, x, t, noise, z, side, epsEval, xPrev, epsTrain, loss, trainable, grads, kinks);
  }

  /**
   * Runs everything on {@code g}'s inputs; the gradients with the loss derivative's signs of
   * {@code g}'s {@code eps_train}.
   */
  Outputs run(Session session, DdpmGolden g) {
    return runFed(session, g, runner -> {
      runner.fetch(epsEval).fetch(xPrev).fetch(epsTrain).fetch(loss);
      if (grads != null) {
        grads.dy().forEach(runner::fetch);
      }
      try (Result r = runner.run()) {
        int[] nhwc = {g.batch(), g.size(), g.size(), g.channels()};
        Map<String, float[]> byName = new LinkedHashMap<>();
        for (int i = 0; grads != null && i < trainable.size(); i++) {
          byName.put(trainable.get(i).name(), Tensors.toArray(r.get(4 + i)));
        }
        return new Outputs(nchw(Tensors.toArray(r.get(0)), nhwc), nchw(Tensors.toArray(r.get(1)), nhwc),
            nchw(Tensors.toArray(r.get(2)), nhwc), Tensors.toArray(r.get(3))[0], byName);
      }
    });
  }

  /**
   * How close each ReLU of {@code eps_train}'s pass comes to its kink on {@code g}'s inputs, each
   * with the trainable variables behind it. A run of its own: fetching a ReLU's input keeps
   * TensorFlow from fusing it into the conv before it, which {@link #run} leaves to TensorFlow.
   */
  List<ReluKinks.Kink> kinks(Session session, DdpmGolden g) {
    // named as in the network (down3/conv1/Relu), without this probe's scope and the pass's copy of unet/
    return runFed(session, g, kinks::measure).stream().map(k -> new ReluKinks.Kink(
        k.relu().replaceFirst("^" + SCOPE + "/unet(_\\d+)?/", ""), k.behind(), k.nearest(), k.largest())).toList();
  }

  /** {@code body} on a runner fed {@code g}'s inputs (NHWC), which are closed when it returns. */
  private <T> T runFed(Session session, DdpmGolden g, Function<Runner, T> body) {
    if (g.size() != unet.imageSize() || g.channels() != unet.channels()) {
      throw new IllegalArgumentException("golden images " + g.size() + "×" + g.size() + "×" + g.channels()
          + " for a network of " + unet.imageSize() + "×" + unet.imageSize() + "×" + unet.channels());
    }
    long[] shape = {g.batch(), g.size(), g.size(), g.channels()};
    try (TFloat32 xs = Tensors.floats(g.xT(), shape); TInt32 ts = TInt32.vectorOf(g.t());
         TFloat32 ns = Tensors.floats(g.noise(), shape); TFloat32 zs = Tensors.floats(g.z(), shape);
         TFloat32 sides = Tensors.floats(sides(g), shape)) {
      return body.apply(session.runner().feed(x, xs).feed(t, ts).feed(noise, ns).feed(z, zs).feed(side, sides));
    }
  }

  /** {@code sign(eps_train − noise)} of the reference, NHWC. */
  private static float[] sides(DdpmGolden g) {
    float[] eps = TensorLayout.permute(g.epsTrain(), new int[] {g.batch(), g.channels(), g.size(), g.size()},
        TensorLayout.NCHW_TO_NHWC);
    float[] out = new float[eps.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.signum(eps[i] - g.noise()[i]);
    }
    return out;
  }

  private static float[] nchw(float[] values, int[] nhwc) {
    return TensorLayout.permute(values, nhwc, TensorLayout.NHWC_TO_NCHW);
  }
}
