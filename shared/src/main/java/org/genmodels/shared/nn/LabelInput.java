package org.genmodels.shared.nn;

import org.genmodels.shared.train.BatchFeeder;
import org.genmodels.shared.train.Feeds;
import org.genmodels.shared.tf.Tensors;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * A model's class-label input: the data set's label bytes fed into {@code labels}
 * ({@code uint8 [B]}), and their one-hot encoding {@code [B, classes]}, as the conditional
 * models and the judge classifier take them.
 *
 * @param labels  placeholder {@code labels}, {@code uint8 [B]}, values in {@code [0, classes)}
 * @param oneHot  {@code float32 [B, classes]}; a label outside the range encodes as all zeros
 * @param classes the number of classes
 */
public record LabelInput(Placeholder<TUint8> labels, Operand<TFloat32> oneHot, int classes) {

  /** Creates the placeholder and its one-hot encoding. */
  public static LabelInput create(Ops tf, int classes) {
    Placeholder<TUint8> labels = tf.withName("labels").placeholder(TUint8.class, Placeholder.shape(Shape.of(-1)));
    Operand<TFloat32> oneHot = tf.withName("one_hot").oneHot(labels, tf.constant(classes), tf.constant(1f),
        tf.constant(0f));
    return new LabelInput(labels, oneHot, classes);
  }

  /** Feeds a batch's labels. */
  public BatchFeeder feeder() {
    return (set, indices) -> new Feeds().add(labels, Tensors.bytes(set.labelBytes(indices), indices.length));
  }

  /** Feeds {@code values} (each in {@code [0, classes)}) as one batch. */
  public Feeds feed(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] >= classes) {
        throw new IllegalArgumentException("label " + values[i] + " is outside [0, " + classes + ")");
      }
      bytes[i] = (byte) values[i];
    }
    return new Feeds().add(labels, Tensors.bytes(bytes, values.length));
  }
}
