package org.genmodels.shared.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An array as a strided view of a flat buffer of elements — PyTorch's {@code (storage, offset,
 * size, stride)} or a Fortran-ordered numpy array — checked against the buffer and copied out in C
 * order. Only views whose elements are all distinct are taken: then the copy is never larger than
 * the buffer, whatever sizes and strides a file claims. Stateless.
 */
final class StridedView {
  private StridedView() {
  }

  /**
   * The view's elements in C order, little-endian.
   *
   * @param source      the flat buffer, its elements from position 0
   * @param elementSize bytes per element (1, 2, 4 or 8)
   * @param swap        whether the source is big-endian
   * @param offset      index of the view's first element in the buffer
   * @param size        the view's dimensions, outermost first
   * @param stride      elements between neighbours along each dimension
   * @throws IllegalArgumentException saying what is wrong when the view is negative, runs past the
   *                                  buffer or visits an element twice
   */
  static ByteBuffer copy(ByteBuffer source, int elementSize, boolean swap, long offset, long[] size, long[] stride) {
    long count = check(source.remaining() / elementSize, offset, size, stride);
    int n = size.length;
    if (count == 0) {
      return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
    }
    if (!swap && isContiguous(size, stride)) {
      int from = Math.toIntExact(offset * elementSize);
      return source.duplicate().position(from).limit(from + Math.toIntExact(count * elementSize)).slice()
          .order(ByteOrder.LITTLE_ENDIAN);
    }
    ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(count * elementSize)).order(ByteOrder.LITTLE_ENDIAN);
    long[] index = new long[n];
    long at = offset;
    for (long i = 0; i < count; i++) {
      int base = Math.toIntExact(at * elementSize);
      for (int b = 0; b < elementSize; b++) {
        out.put(source.get(base + (swap ? elementSize - 1 - b : b)));
      }
      // advance the index like an odometer, last dimension fastest
      for (int d = n - 1; d >= 0; d--) {
        if (++index[d] < size[d]) {
          at += stride[d];
          break;
        }
        at -= stride[d] * (size[d] - 1);
        index[d] = 0;
      }
    }
    return out.flip();
  }

  /**
   * The element count of a view of a buffer of {@code available} elements, after checking that
   * every index is in the buffer and no element is visited twice.
   */
  static long check(long available, long offset, long[] size, long[] stride) {
    if (size.length != stride.length) {
      throw new IllegalArgumentException(size.length + " sizes but " + stride.length + " strides");
    }
    long count = 1;
    for (int d = 0; d < size.length; d++) {
      if (size[d] < 0 || stride[d] < 0) {
        throw new IllegalArgumentException("a negative size or stride (" + size[d] + ", " + stride[d] + ")");
      }
      count = multiply(count, size[d]);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("a negative offset " + offset);
    }
    if (count == 0) {
      return 0;
    }
    // visit the dimensions by increasing stride: each must step over everything the smaller ones
    // reach, or two indices land on one element
    Integer[] order = new Integer[size.length];
    for (int d = 0; d < order.length; d++) {
      order[d] = d;
    }
    Arrays.sort(order, (a, b) -> Long.compare(stride[a], stride[b]));
    long reach = 1;
    for (int d : order) {
      if (size[d] == 1) {
        continue;
      }
      if (stride[d] < reach) {
        throw new IllegalArgumentException("a view that visits elements more than once (sizes "
            + Arrays.toString(size) + ", strides " + Arrays.toString(stride) + ")");
      }
      reach = add(reach, multiply(stride[d], size[d] - 1));
    }
    long last = add(offset, reach - 1);
    if (last >= available) {
      throw new IllegalArgumentException("a view that reaches element " + last + " of a storage of " + available);
    }
    return count;
  }

  /** Whether the strides are C order's for these sizes (a dimension of size 1 may have any stride). */
  static boolean isContiguous(long[] size, long[] stride) {
    long expected = 1;
    for (int d = size.length - 1; d >= 0; d--) {
      if (size[d] != 1 && stride[d] != expected) {
        return false;
      }
      expected *= size[d];
    }
    return true;
  }

  private static long multiply(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("sizes whose product overflows", e);
    }
  }

  private static long add(long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("strides that reach past 2^63", e);
    }
  }
}
