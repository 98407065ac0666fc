package org.genmodels.shared.nn;

import org.genmodels.shared.data.HorizontalFlip;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.tf.Tensors;
import org.genmodels.shared.train.BatchFeeder;
import org.genmodels.shared.train.Feeds;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * A model's image input, in two forms. Training feeds the data set's raw bytes into
 * {@code pixels} ({@code uint8}, a quarter of the floats' size) and the graph scales them as the
 * seeds do in numpy ({@code x / 255.}, or {@code x / 255. * 2 − 1}), bit for bit. Callers holding
 * floats already feed {@code x} directly: it is a placeholder whose default is the scaled bytes.
 *
 * @param pixels raw pixels {@code [B, ...rowShape]}, placeholder {@code pixels}
 * @param x      float images {@code [B, ...rowShape]}, placeholder-with-default {@code x}
 */
public record ImageInput(Placeholder<TUint8> pixels, Operand<TFloat32> x) {

  /** Feeds a batch's raw pixels into {@code pixels}, shaped {@code [n, ...rowShape]}. */
  public BatchFeeder feeder() {
    long[] row = pixels.shape().asArray();
    return (set, indices) -> {
      long[] shape = row.clone();
      shape[0] = indices.length;
      return new Feeds().add(pixels, Tensors.bytes(set.bytes(indices), shape));
    };
  }

  /**
   * As {@link #feeder()}, each image mirrored left–right or not as {@code flip} decides for the
   * batch ({@link HorizontalFlip#batch}): the seed's random flip for image folders.
   */
  public BatchFeeder feeder(HorizontalFlip flip) {
    long[] row = pixels.shape().asArray();
    return (set, indices) -> {
      long[] shape = row.clone();
      shape[0] = indices.length;
      return new Feeds().add(pixels, Tensors.bytes(flip.batch(set, indices), shape));
    };
  }

  /** Creates both placeholders for images of shape {@code rowShape} (without the batch). */
  public static ImageInput create(Ops tf, PixelRange range, long... rowShape) {
    long[] dims = new long[rowShape.length + 1];
    dims[0] = -1;
    System.arraycopy(rowShape, 0, dims, 1, rowShape.length);
    Shape shape = Shape.of(dims);
    Placeholder<TUint8> pixels = tf.withName("pixels").placeholder(TUint8.class, Placeholder.shape(shape));
    Operand<TFloat32> unit = tf.math.div(tf.dtypes.cast(pixels, TFloat32.class), tf.constant(255f));
    Operand<TFloat32> scaled = range == PixelRange.UNIT ? unit
        : tf.math.sub(tf.math.mul(unit, tf.constant(2f)), tf.constant(1f));
    return new ImageInput(pixels, tf.withName("x").placeholderWithDefault(scaled, shape));
  }
}
