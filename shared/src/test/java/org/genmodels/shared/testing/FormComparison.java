package org.genmodels.shared.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.genmodels.shared.nn.Parameters.Param;
import org.genmodels.shared.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * Two forms of one network in one graph, on the same variables (the plain and the fast one, see
 * {@code FastPaths}): how far apart their outputs are, and the gradients of a loss with respect to
 * every trainable variable. The loss is {@code Σ r·output} over all outputs with fixed random
 * weights {@code r}, one loss per form: smooth, and it reaches every element. Each gap is a
 * tensor's largest absolute difference over the plain form's largest absolute value.
 */
public final class FormComparison {
  /**
   * One tensor's gap.
   *
   * @param name     the output's or variable's name
   * @param maxDiff  {@code max |plain − fast|}
   * @param maxPlain {@code max |plain|}
   */
  public record Gap(String name, double maxDiff, double maxPlain) {
    /** {@code maxDiff / maxPlain}, 0 where both are 0. */
    public double relative() {
      return maxDiff == 0 ? 0 : maxDiff / maxPlain;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s %.2e (max |plain| %.2e)", name, relative(), maxPlain);
    }
  }

  /**
   * The gaps of every output (named {@code outputNames}), then of every variable's gradient.
   * Builds the losses and gradients into {@code tf}'s graph, then runs them; outputs must have
   * static shapes.
   */
  public static List<Gap> measure(Ops tf, Session session, List<String> outputNames, List<Operand<TFloat32>> plain,
      List<Operand<TFloat32>> fast, List<Param> variables, long seed) {
    Random random = new Random(seed);
    Operand<TFloat32> plainLoss = null;
    Operand<TFloat32> fastLoss = null;
    for (int i = 0; i < plain.size(); i++) {
      Shape shape = plain.get(i).shape();
      if (shape.hasUnknownDimension() || !shape.equals(fast.get(i).shape())) {
        throw new IllegalArgumentException(outputNames.get(i) + ": shapes " + shape + " and " + fast.get(i).shape()
            + " must be static and equal");
      }
      float[] r = new float[(int) shape.size()];
      for (int k = 0; k < r.length; k++) {
        r[k] = (float) random.nextGaussian();
      }
      Operand<TFloat32> weights = tf.constant(shape, DataBuffers.of(r));
      plainLoss = add(tf, plainLoss, weightedSum(tf, plain.get(i), weights));
      fastLoss = add(tf, fastLoss, weightedSum(tf, fast.get(i), weights));
    }
    List<Operand<?>> vars = variables.stream().<Operand<?>>map(Param::variable).toList();
    Gradients plainGrads = tf.gradients(plainLoss, vars);
    Gradients fastGrads = tf.gradients(fastLoss, vars);
    List<Operand<?>> fetches = new ArrayList<>();
    List<String> names = new ArrayList<>(outputNames);
    for (int i = 0; i < plain.size(); i++) {
      fetches.add(plain.get(i));
      fetches.add(fast.get(i));
    }
    for (int i = 0; i < vars.size(); i++) {
      fetches.add(plainGrads.dy(i));
      fetches.add(fastGrads.dy(i));
      names.add("d/d " + variables.get(i).name());
    }
    List<Gap> gaps = new ArrayList<>();
    Session.Runner runner = session.runner();
    fetches.forEach(runner::fetch);
    try (Result r = runner.run()) {
      for (int i = 0; i < names.size(); i++) {
        gaps.add(gap(names.get(i), Tensors.toArray(r.get(2 * i)), Tensors.toArray(r.get(2 * i + 1))));
      }
    }
    return gaps;
  }

  /** The largest relative gap of {@code gaps}. */
  public static Gap widest(List<Gap> gaps) {
    Gap widest = gaps.get(0);
    for (Gap g : gaps) {
      if (g.relative() > widest.relative()) {
        widest = g;
      }
    }
    return widest;
  }

  private static Gap gap(String name, float[] plain, float[] fast) {
    double maxDiff = 0;
    double maxPlain = 0;
    for (int k = 0; k < plain.length; k++) {
      maxDiff = Math.max(maxDiff, Math.abs((double) plain[k] - fast[k]));
      maxPlain = Math.max(maxPlain, Math.abs(plain[k]));
    }
    return new Gap(name, Double.isNaN(maxDiff) ? Double.POSITIVE_INFINITY : maxDiff, maxPlain);
  }

  private static Operand<TFloat32> weightedSum(Ops tf, Operand<TFloat32> x, Operand<TFloat32> weights) {
    int rank = x.shape().numDimensions();
    int[] axes = new int[rank];
    for (int k = 0; k < rank; k++) {
      axes[k] = k;
    }
    return tf.sum(tf.math.mul(x, weights), tf.constant(axes));
  }

  private static Operand<TFloat32> add(Ops tf, Operand<TFloat32> sum, Operand<TFloat32> term) {
    return sum == null ? term : tf.math.add(sum, term);
  }

  private FormComparison() {
  }
}
