package org.genmodels.savedmodels;

import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;

/**
 * The input of the {@code fashion_conv_ae} fixture, as its README states it: test images
 * {@code x = pad(img / 255, 2 zero pixels each side)}, {@code [n, 32, 32, 1]}.
 */
final class FashionImages {
  static final int SIDE = 32;

  private FashionImages() {
  }

  /** The first {@code n} images of {@code set}, scaled to [0, 1] and zero-padded to 32×32. */
  static float[] padded(ImageSet set, int n) {
    float[] unit = set.firstPixels(n, PixelRange.UNIT);
    float[] out = new float[n * SIDE * SIDE];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < 28; r++) {
        System.arraycopy(unit, (i * 28 + r) * 28, out, (i * SIDE + r + 2) * SIDE + 2, 28);
      }
    }
    return out;
  }
}
