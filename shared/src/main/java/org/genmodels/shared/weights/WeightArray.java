package org.genmodels.shared.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * One named array read from a weights file of another framework (a PyTorch or Paddle state dict, a
 * Keras HDF5 file), in that framework's own layout: PyTorch's {@code [out, in]} Linear weight stays
 * {@code [out, in]} here; the importers convert layouts.
 *
 * <p>The elements are kept as the file stores them (little-endian bytes, C order), so a large
 * float32 model costs its own size once; {@link #floats()} converts on demand. Immutable.
 *
 * @param name   the key: a state-dict key ({@code encoder.0.weight}) or a Keras weight path
 *               without its {@code :0} suffix ({@code encoder/conv2d_1/kernel})
 * @param dtype  the element type
 * @param shape  the dimensions, outermost first; empty for a scalar
 * @param data   {@code product(shape) * dtype.size()} bytes, little-endian, C order
 * @param origin where in the file it came from, for {@code inspect} (a Keras layer path, a storage
 *               record); may equal {@code name}
 */
public record WeightArray(String name, DType dtype, int[] shape, ByteBuffer data, String origin) {
  /** The element types the readers produce. */
  public enum DType {
    FLOAT16(2), FLOAT32(4), FLOAT64(8), INT8(1), UINT8(1), INT16(2), INT32(4), INT64(8), BOOL(1);

    private final int size;

    DType(int size) {
      this.size = size;
    }

    /** Bytes per element. */
    public int size() {
      return size;
    }

    /** E.g. {@code float32}. */
    public String lowerName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public WeightArray {
    shape = shape.clone();
    long expected = elementCount(shape) * dtype.size();
    if (data.remaining() != expected) {
      throw new IllegalArgumentException(name + ": " + data.remaining() + " bytes for " + dtype.lowerName()
          + " " + Arrays.toString(shape) + ", expected " + expected);
    }
    data = data.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The number of elements of {@code shape}. */
  public static long elementCount(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  public long elementCount() {
    return elementCount(shape);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** E.g. {@code float32 [256, 784]}. */
  public String describe() {
    return dtype.lowerName() + " " + Arrays.toString(shape);
  }

  /**
   * The elements as float32 in C order, converted from any numeric type (float64 rounds to
   * nearest, as numpy's {@code astype(float32)} does).
   */
  public float[] floats() {
    int n = Math.toIntExact(elementCount());
    float[] out = new float[n];
    ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    switch (dtype) {
      case FLOAT32 -> b.asFloatBuffer().get(out);
      case FLOAT64 -> {
        for (int i = 0; i < n; i++) {
          out[i] = (float) b.getDouble(i * 8);
        }
      }
      case FLOAT16 -> {
        for (int i = 0; i < n; i++) {
          out[i] = halfToFloat(b.getShort(i * 2));
        }
      }
      default -> {
        long[] l = longs();
        for (int i = 0; i < n; i++) {
          out[i] = l[i];
        }
      }
    }
    return out;
  }

  /** The elements as longs; integer and boolean types only. */
  public long[] longs() {
    int n = Math.toIntExact(elementCount());
    long[] out = new long[n];
    ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      out[i] = switch (dtype) {
        case INT8, BOOL -> b.get(i);
        case UINT8 -> b.get(i) & 0xff;
        case INT16 -> b.getShort(i * 2);
        case INT32 -> b.getInt(i * 4);
        case INT64 -> b.getLong(i * 8);
        default -> throw new IllegalStateException(name + " is " + dtype.lowerName() + ", not an integer array");
      };
    }
    return out;
  }

  /** IEEE 754 binary16 to float (Java 17 has no {@code Float.float16ToFloat}). */
  static float halfToFloat(short half) {
    int h = half & 0xffff;
    int sign = (h >>> 15) << 31;
    int exponent = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      // subnormal (or zero): mantissa · 2^-24
      float value = mantissa * 0x1p-24f;
      return sign == 0 ? value : -value;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
