package org.genmodels.savedmodels;

import java.util.Arrays;
import org.genmodels.shared.tf.CheckpointReader;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * One input or output of a signature: its name in the signature ({@code x}), the graph tensor
 * behind it ({@code serving_default_x:0}), its dtype, and its shape, where {@code -1} is a
 * dimension of any size and a null shape means any rank.
 *
 * @param name   the signature's name for it
 * @param tensor the graph tensor it maps to
 * @param dtype  its element type
 * @param shape  its dimensions ({@code -1}: any size), or null when the rank is unknown
 */
public record TensorSpec(String name, String tensor, DataType dtype, long[] shape) {

  /** The spec of {@code info} under {@code name}. */
  public static TensorSpec of(String name, TensorInfo info) {
    TensorShapeProto s = info.getTensorShape();
    long[] dims = null;
    if (!s.getUnknownRank()) {
      dims = s.getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray();
    }
    return new TensorSpec(name, info.getName(), info.getDtype(), dims);
  }

  /** E.g. {@code float32 [-1, 784]}, or {@code float32 (any shape)}. */
  public String describeType() {
    return CheckpointReader.dtypeName(dtype) + " " + (shape == null ? "(any shape)" : Arrays.toString(shape));
  }

  /** Whether a tensor of {@code dims} fits this spec's shape. */
  public boolean fits(long[] dims) {
    if (shape == null) {
      return true;
    }
    if (dims.length != shape.length) {
      return false;
    }
    for (int i = 0; i < dims.length; i++) {
      if (shape[i] >= 0 && shape[i] != dims[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t && name.equals(t.name) && tensor.equals(t.tensor) && dtype == t.dtype
        && Arrays.equals(shape, t.shape);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * name.hashCode() + tensor.hashCode()) + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + ": " + describeType() + " (" + tensor + ")";
  }
}
