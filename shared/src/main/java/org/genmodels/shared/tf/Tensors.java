package org.genmodels.shared.tf;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/** Copies between Java arrays and tensors. Tensors returned belong to the caller, who closes them. */
public final class Tensors {
  private Tensors() {
  }

  /** A new float tensor holding {@code values} (row-major) with {@code shape}. */
  public static TFloat32 floats(float[] values, long... shape) {
    Shape s = Shape.of(shape);
    if (s.size() != values.length) {
      throw new IllegalArgumentException("shape " + s + " needs " + s.size() + " values, got " + values.length);
    }
    return TFloat32.tensorOf(s, DataBuffers.of(values, true, false));
  }

  /** A new uint8 tensor holding {@code values} (row-major) with {@code shape}. */
  public static TUint8 bytes(byte[] values, long... shape) {
    Shape s = Shape.of(shape);
    if (s.size() != values.length) {
      throw new IllegalArgumentException("shape " + s + " needs " + s.size() + " values, got " + values.length);
    }
    return TUint8.tensorOf(s, DataBuffers.of(values, true, false));
  }

  /** The values of a float tensor, row-major. */
  public static float[] toArray(Tensor tensor) {
    TFloat32 t = (TFloat32) tensor;
    float[] out = new float[Math.toIntExact(t.shape().size())];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }
}
