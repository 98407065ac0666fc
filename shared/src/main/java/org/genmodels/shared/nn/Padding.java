package org.genmodels.shared.nn;

import java.util.List;

/**
 * How a convolution pads its input, in the two dialects the seeds are written in: Keras'
 * {@code "same"}/{@code "valid"}, and PyTorch/Paddle's symmetric {@code padding=p}.
 *
 * <p>{@code explicit(1)} at kernel 4, stride 2 maps 28 → 14 → 7 (and a transposed conv 7 → 14 →
 * 28); at kernel 3, stride 1 it keeps the size. Keras' {@code same} with an even kernel pads one
 * row more at the bottom than at the top when the total is odd; {@code explicit(p)} always pads
 * {@code p} on every side, as PyTorch does.
 */
public sealed interface Padding {
  /** Keras' {@code same}: output size {@code ceil(in / stride)}. */
  Padding SAME = new Named("SAME");
  /** No padding: output size {@code floor((in − k) / stride) + 1}. */
  Padding VALID = new Named("VALID");

  /** PyTorch's {@code padding=p}: {@code p} zero rows and columns on every side. */
  static Padding explicit(int p) {
    if (p < 0) {
      throw new IllegalArgumentException("padding must be >= 0, got " + p);
    }
    return new Explicit(p);
  }

  /** The padding attribute of TF's conv ops: {@code SAME}, {@code VALID} or {@code EXPLICIT}. */
  String attribute();

  /**
   * The output size of a convolution along one axis of size {@code in}.
   *
   * @throws IllegalArgumentException when the kernel does not fit the padded input
   */
  long convOutput(long in, int kernel, int stride);

  /**
   * The output size of a transposed convolution along one axis of size {@code in}: the size
   * whose convolution with the same kernel, stride and padding has size {@code in}.
   */
  long transposedOutput(long in, int kernel, int stride);

  /** The NHWC {@code explicit_paddings} attribute (empty unless explicit). */
  default List<Long> explicitPaddings() {
    return List.of();
  }

  /**
   * This padding, or {@code SAME} where the two pad alike for a convolution from {@code big} to
   * {@code small} rows: TF's fastest CPU kernels take {@code SAME}, and PyTorch's {@code
   * padding=1} at kernel 4, stride 2 on even sizes is exactly that.
   */
  default Padding simplified(long big, long small, int kernel, int stride) {
    long total = Math.max((small - 1) * stride + kernel - big, 0);
    List<Long> pads = explicitPaddings();
    if (!pads.isEmpty() && pads.get(2) == total / 2 && pads.get(3) == total - total / 2
        && SAME.convOutput(big, kernel, stride) == small) {
      return SAME;
    }
    return this;
  }

  /** {@code SAME} or {@code VALID}. */
  record Named(String attribute) implements Padding {
    @Override
    public long convOutput(long in, int kernel, int stride) {
      long out = attribute.equals("SAME") ? Math.floorDiv(in + stride - 1, stride)
          : Math.floorDiv(in - kernel, stride) + 1;
      if (out < 1) {
        throw new IllegalArgumentException("a " + kernel + "x" + kernel + " kernel does not fit an input of size " + in);
      }
      return out;
    }

    @Override
    public long transposedOutput(long in, int kernel, int stride) {
      return attribute.equals("SAME") ? in * stride : in * stride + Math.max(kernel - stride, 0);
    }
  }

  /** {@code p} zeros on every side. */
  record Explicit(int p) implements Padding {
    @Override
    public String attribute() {
      return "EXPLICIT";
    }

    @Override
    public long convOutput(long in, int kernel, int stride) {
      long out = Math.floorDiv(in + 2L * p - kernel, stride) + 1;
      if (out < 1) {
        throw new IllegalArgumentException("a " + kernel + "x" + kernel + " kernel does not fit an input of size "
            + in + " padded by " + p);
      }
      return out;
    }

    @Override
    public long transposedOutput(long in, int kernel, int stride) {
      long out = (in - 1) * stride - 2L * p + kernel;
      if (out < 1) {
        throw new IllegalArgumentException("padding " + p + " leaves no output for input size " + in);
      }
      return out;
    }

    @Override
    public List<Long> explicitPaddings() {
      long q = p;
      return List.of(0L, 0L, q, q, q, q, 0L, 0L);
    }
  }
}
