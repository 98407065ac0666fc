package org.genmodels.savedmodels;

/**
 * Conversions of PyTorch/Paddle weight layouts (NCHW networks) into this project's (NHWC):
 * <pre>
 *   Linear / 1×1 conv   [out, in]              → dense kernel [in, out]
 *   Conv2d              [out, in, kh, kw]      → HWIO [kh, kw, in, out]
 *   ConvTranspose2d     [in, out, kh, kw]      → [kh, kw, out, in] (TF's; no spatial flip)
 *   flatten of [C,H,W]  input index c·H·W + h·W + w   → NHWC's (h·W + w)·C + c
 * </pre>
 * Arrays are row-major {@code float[]}s of the shapes given; each method returns a new array.
 * Stateless; thread-safe.
 */
final class TorchLayouts {
  private TorchLayouts() {
  }

  /** A Linear weight {@code [out, in]} (or a 1×1 conv's {@code [out, in, 1, 1]}) as a dense kernel {@code [in, out]}. */
  static float[] linear(float[] w, int out, int in) {
    return TensorLayout.permute(w, new int[] {out, in}, TensorLayout.MATRIX);
  }

  /** A conv weight {@code [out, in, kh, kw]} as HWIO {@code [kh, kw, in, out]}. */
  static float[] conv(float[] w, int out, int in, int kh, int kw) {
    return TensorLayout.permute(w, new int[] {out, in, kh, kw}, TensorLayout.TORCH_CONV);
  }

  /** A transposed conv weight {@code [in, out, kh, kw]} as TF's {@code [kh, kw, out, in]}: the same axis order. */
  static float[] convTranspose(float[] w, int in, int out, int kh, int kw) {
    return TensorLayout.permute(w, new int[] {in, out, kh, kw}, TensorLayout.TORCH_CONV);
  }

  /**
   * A dense layer that reads a flattened {@code [c, h, w]} NCHW map, weight {@code [out, c·h·w]},
   * as the kernel {@code [h·w·c, out]} of the same layer reading the NHWC-flattened map.
   */
  static float[] denseFromChw(float[] weight, int out, int c, int h, int w) {
    return TensorLayout.permute(weight, new int[] {out, c, h, w}, new int[] {2, 3, 1, 0});
  }

  /**
   * A dense layer whose output is reshaped to {@code [c, h, w]} NCHW, weight {@code [c·h·w, in]},
   * as the kernel {@code [in, h·w·c]} of the same layer whose output is reshaped to NHWC.
   */
  static float[] denseToChw(float[] weight, int in, int c, int h, int w) {
    return TensorLayout.permute(weight, new int[] {c, h, w, in}, new int[] {3, 1, 2, 0});
  }

  /** The bias {@code [c·h·w]} of a layer whose output is reshaped to NCHW {@code [c, h, w]}, in NHWC order. */
  static float[] biasToChw(float[] bias, int c, int h, int w) {
    return TensorLayout.permute(bias, new int[] {c, h, w}, new int[] {1, 2, 0});
  }
}
