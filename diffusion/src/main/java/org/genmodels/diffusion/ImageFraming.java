package org.genmodels.diffusion;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;

/**
 * Brings data-set images to the network's size, in the graph: images no larger than the
 * network's side are padded evenly (the extra row or column at the bottom and right) with the
 * background value, as MNIST's 28 × 28 become 32 × 32 with background −1 (MODELS.md §5); larger
 * ones, or ones larger along one axis, are resized bilinearly (half-pixel centers). Gray images
 * feed an RGB network by repeating the gray channel. Shapes: {@code [B, h, w, c]} →
 * {@code [B, size, size, channels]}, h, w and c static. Graph code only.
 */
final class ImageFraming {
  private ImageFraming() {
  }

  /**
   * @throws IllegalArgumentException when the channels cannot be matched (only 1 → any is)
   */
  static Operand<TFloat32> frame(Ops tf, Operand<TFloat32> x, int size, int channels, float background) {
    long h = x.shape().get(1);
    long w = x.shape().get(2);
    long c = x.shape().get(3);
    Ops scope = tf.withSubScope("framing");
    Operand<TFloat32> y = x;
    if (c != channels) {
      if (c != 1) {
        throw new IllegalArgumentException("the images have " + c + " channels and the network " + channels
            + ": give the network the data's channels (--channels " + c + ")");
      }
      y = scope.tile(y, scope.constant(new int[] {1, 1, 1, channels}));
    }
    if (h == size && w == size) {
      return y;
    }
    if (h <= size && w <= size) {
      int top = (int) (size - h) / 2;
      int left = (int) (size - w) / 2;
      int[][] pads = {{0, 0}, {top, (int) (size - h) - top}, {left, (int) (size - w) - left}, {0, 0}};
      return scope.pad(y, scope.constant(pads), scope.constant(background));
    }
    return scope.image.resizeBilinear(y, scope.constant(new int[] {size, size}),
        ResizeBilinear.halfPixelCenters(true));
  }
}
