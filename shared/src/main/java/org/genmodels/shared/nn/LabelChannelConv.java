package org.genmodels.shared.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A conv over an image with its label appended as one more channel, {@code conv(concat(x,
 * reshape(labelMap(oneHot))))}, as seed 002's CVAE encoder reads its input (the label through
 * Dense(10 → 784) as a second 28 × 28 channel), computed without building that channel.
 *
 * <p>Why: the conv is linear in its input channels and the map is linear in the one-hot, so the
 * label's share is {@code oneHot · conv(the map kernel's rows as images) + conv(the map bias as an
 * image)}: {@code classes + 1} one-image convs and a MatMul instead of the label channel's part of
 * a batch-sized conv, the concatenation, and that channel's input gradient. The same values (for
 * any {@code oneHot}, one-hot or not) up to float rounding, the same variables and gradients.
 *
 * <p>Shapes: x {@code [B, H, W, c]}, oneHot {@code [B, classes]}; {@code labelMap} maps classes to
 * {@code H·W}; {@code conv} takes {@code c + 1} channels → {@code [B, H', W', out]}. Graph
 * building only.
 */
public final class LabelChannelConv {
  private LabelChannelConv() {}

  /** {@code conv.apply(concat(x, reshape(labelMap.apply(oneHot), [B, H, W, 1])))}. */
  public static Operand<TFloat32> apply(Ops ops, Conv2D conv, Dense labelMap, Operand<TFloat32> x,
      Operand<TFloat32> oneHot) {
    Ops tf = ops.withSubScope(conv.name());
    Shape xs = x.shape();
    long imageChannels = xs.get(3);
    if (conv.in() != imageChannels + 1) {
      throw new IllegalArgumentException(conv.name() + " takes " + conv.in() + " channels, not the image's "
          + imageChannels + " and the label's 1");
    }
    int h = (int) xs.get(1);
    int w = (int) xs.get(2);
    int classes = (int) oneHot.shape().get(1);
    List<Output<TFloat32>> parts = tf.splitV(conv.kernel(), tf.constant(new long[] {imageChannels, 1}),
        tf.constant(2), 2L).output();
    List<Operand<TFloat32>> labelKernel = Fanout.copies(tf, parts.get(1), 2);
    Operand<TFloat32> classMaps = tf.reshape(labelMap.kernel(), tf.constant(new int[] {classes, h, w, 1}));
    Operand<TFloat32> perClass = conv.convolve(tf, classMaps, labelKernel.get(0));
    Shape one = perClass.shape();
    Operand<TFloat32> picked = tf.reshape(
        tf.linalg.matMul(oneHot, tf.reshape(perClass, tf.constant(new long[] {classes, -1}))),
        tf.constant(new long[] {-1, one.get(1), one.get(2), one.get(3)}));
    Operand<TFloat32> biasMap = tf.reshape(labelMap.bias(), tf.constant(new int[] {1, h, w, 1}));
    Operand<TFloat32> label = tf.math.add(picked, conv.convolve(tf, biasMap, labelKernel.get(1)));
    return conv.finish(tf, tf.math.add(conv.convolve(tf, x, parts.get(0)), label));
  }
}
