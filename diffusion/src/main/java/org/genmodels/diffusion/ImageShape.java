package org.genmodels.diffusion;

/**
 * The shape of the images a data set holds, before they are framed to the network's size (see
 * {@link ImageFraming}): MNIST's 28 × 28 × 1, say, or whatever a folder of RGB images holds. The
 * data set's bytes of one image are {@code height · width · channels}, row-major, channels last.
 */
public record ImageShape(int height, int width, int channels) {
  public ImageShape {
    if (height < 1 || width < 1 || channels < 1) {
      throw new IllegalArgumentException("image shape must be positive, got " + height + "×" + width + "×"
          + channels);
    }
  }

  /** Values per image. */
  public int values() {
    return height * width * channels;
  }
}
