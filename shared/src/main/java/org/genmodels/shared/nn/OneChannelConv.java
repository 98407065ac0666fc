package org.genmodels.shared.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code tf.nn.conv2d}, except that in a graph built for {@link Precision#BF16} a kernel to a
 * single output channel ({@code [kh, kw, in, 1]}) runs as a conv to two channels, the second
 * kernel zero, of which the first is kept. The values and gradients are the conv's.
 *
 * <p>Why: the gradient of such a conv with respect to its input is a {@code Conv2DBackpropInput}
 * from one channel, and under the bf16 rewrite ({@code Bf16Rewrite}) TensorFlow 2.18's oneDNN
 * returns garbage for it on a CPU with AVX-512 but without AMX (measured on an AMD Zen 5,
 * 2026-12-02: NaN, or sums off by orders of magnitude, at batch 64; from two channels up it is
 * right). That one gradient fed every layer below the CVAE's output conv and the DDPM's composed
 * first layer, and made their bf16 training drift and diverge. The extra channel is not free (the
 * CVAE's float32 epoch took 3–18 % longer with it), so float32 graphs keep TF's one conv. Used by
 * {@link Conv2D} and {@link ConvComposition}'s composed kernel. Graph building only.
 */
public final class OneChannelConv {
  private OneChannelConv() {}

  /**
   * The conv of {@code x} {@code [B, H, W, in]} with {@code kernel} {@code [kh, kw, in, out]} at
   * {@code strides} and {@code padding} (TensorFlow's attribute: "SAME" or "VALID"), in the form
   * for a graph built for {@code precision}.
   */
  public static Operand<TFloat32> conv2d(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, List<Long> strides,
      String padding, Precision precision) {
    if (precision != Precision.BF16 || kernel.shape().numDimensions() != 4 || kernel.shape().get(3) != 1) {
      return tf.nn.conv2d(x, kernel, strides, padding);
    }
    Operand<TFloat32> two = tf.concat(List.of(kernel, tf.zerosLike(kernel)), tf.constant(3));
    Operand<TFloat32> y = tf.nn.conv2d(x, two, strides, padding);
    return tf.slice(y, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {-1, -1, -1, 1}));
  }
}
