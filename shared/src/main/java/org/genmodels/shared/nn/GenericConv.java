package org.genmodels.shared.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv;
import org.tensorflow.types.TFloat32;

/**
 * A 2-d NHWC convolution as TensorFlow's generic {@code Conv} op ({@link ConvOp#GENERIC}: why, and
 * what it cannot do, is there). The op's shape function leaves H and W unknown where the kernel's
 * shape is unknown (a kernel computed inside a while loop's body), so the output's static shape is
 * stated from the layer's own sizes, as {@code Conv2D}'s would be. Graph building only.
 */
final class GenericConv {
  private GenericConv() {}

  /**
   * The conv of {@code x} {@code [B, H, W, in]} (H and W static) with {@code kernel}
   * {@code [size, size, in, out]} at {@code strides} (NHWC, the same along H and W) and
   * {@code padding} ({@link Padding#SAME} or {@link Padding#VALID}): {@code [B, H', W', out]},
   * with H', W' and out static.
   */
  static Operand<TFloat32> conv2d(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, List<Long> strides,
      Padding padding, int size, long out) {
    long h = x.shape().get(1);
    long w = x.shape().get(2);
    if (h < 0 || w < 0) {
      throw new IllegalArgumentException("the generic conv needs the input's H and W, not " + x.shape());
    }
    Operand<TFloat32> y = Conv.create(tf.scope(), x, kernel, strides, padding.attribute(),
        Conv.dataFormat("CHANNELS_LAST"));
    int stride = strides.get(1).intValue();
    return tf.ensureShape(y,
        Shape.of(-1, padding.convOutput(h, size, stride), padding.convOutput(w, size, stride), out));
  }
}
