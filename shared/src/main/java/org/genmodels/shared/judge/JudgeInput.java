package org.genmodels.shared.judge;

/**
 * Turns a model's images into what the judge reads. The DDPM works on MNIST padded to 32 × 32
 * with background (-1) and in [-1, 1]; the judge takes the original 28 × 28 in [0, 1]. Stateless
 * and thread-safe.
 */
public final class JudgeInput {
  /** The judge's image side. */
  public static final int SIDE = 28;

  private JudgeInput() {
  }

  /**
   * The central 28 × 28 of {@code n} single-channel {@code size × size} images in [-1, 1]
   * ({@code [n, size, size, 1]}, row-major; size ≥ 28, the crop starting at {@code (size − 28) / 2}),
   * mapped to [0, 1] by {@code (x + 1) / 2} and clamped there (a sampler's output overshoots
   * [-1, 1] a little). A NaN pixel stays NaN, so that the judge refuses it.
   *
   * @return {@code [n, 28, 28, 1]} in [0, 1], a new array
   */
  public static float[] fromSymmetric(float[] images, int n, int size) {
    if (size < SIDE) {
      throw new IllegalArgumentException("images of side " + size + " are smaller than the judge's " + SIDE);
    }
    if ((long) n * size * size != images.length) {
      throw new IllegalArgumentException("expected " + n + " images of " + size + " × " + size + " (" + (long) n * size * size
          + " values), got " + images.length + " values");
    }
    int offset = (size - SIDE) / 2;
    float[] out = new float[n * SIDE * SIDE];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < SIDE; r++) {
        int src = (i * size + r + offset) * size + offset;
        int dst = (i * SIDE + r) * SIDE;
        for (int c = 0; c < SIDE; c++) {
          float unit = (images[src + c] + 1f) / 2f;
          out[dst + c] = unit < 0f ? 0f : unit > 1f ? 1f : unit;
        }
      }
    }
    return out;
  }
}
