package org.genmodels.shared.data;

import java.util.Objects;

/**
 * A set of 8-bit images with integer labels, stored as the raw bytes the files hold: grayscale
 * (MNIST, one channel) or RGB ({@link ImageFolder}, three channels last, labels all 0).
 * Immutable in practice: the arrays are not copied, so callers must not change them.
 * Thread-safe for reading.
 *
 * @param count    number of images
 * @param height   rows per image
 * @param width    columns per image
 * @param channels values per pixel, channels last (NHWC)
 * @param pixels   {@code count × height × width × channels} unsigned bytes, row-major
 * @param labels   {@code count} unsigned bytes
 */
public record ImageSet(int count, int height, int width, int channels, byte[] pixels, byte[] labels) {

  public ImageSet {
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(labels, "labels");
    if (channels < 1) {
      throw new IllegalArgumentException("an image has at least one channel, got " + channels);
    }
    if ((long) count * height * width * channels != pixels.length) {
      throw new IllegalArgumentException("pixels holds " + pixels.length + " bytes, expected "
          + count + "×" + height + "×" + width + (channels == 1 ? "" : "×" + channels));
    }
    if (labels.length != count) {
      throw new IllegalArgumentException(labels.length + " labels for " + count + " images");
    }
  }

  /** A set of single-channel (grayscale) images. */
  public ImageSet(int count, int height, int width, byte[] pixels, byte[] labels) {
    this(count, height, width, 1, pixels, labels);
  }

  /** Values (bytes) per image: {@code height × width × channels}. */
  public int imageSize() {
    return height * width * channels;
  }

  public int label(int index) {
    return labels[index] & 0xFF;
  }

  /** How many images carry each label 0..{@code classes-1}. */
  public int[] labelHistogram(int classes) {
    int[] histogram = new int[classes];
    for (byte label : labels) {
      histogram[label & 0xFF]++;
    }
    return histogram;
  }

  /**
   * Writes the images at {@code indices} into {@code out} as floats {@code scale * byte + offset},
   * image after image: scale 1/255 and offset 0 give the seeds' {@code x / 255.}; 2/255 and -1
   * give [-1, 1]. The division is done in float as numpy does, so values match bit for bit.
   */
  public void copyPixels(int[] indices, float[] out, PixelRange range) {
    int size = imageSize();
    if (out.length < indices.length * size) {
      throw new IllegalArgumentException("output holds " + out.length + " floats, need "
          + indices.length * size);
    }
    for (int k = 0; k < indices.length; k++) {
      int src = indices[k] * size;
      int dst = k * size;
      for (int p = 0; p < size; p++) {
        out[dst + p] = range.toFloat(pixels[src + p]);
      }
    }
  }

  /** The raw bytes of the images at {@code indices}, image after image. */
  public byte[] bytes(int[] indices) {
    int size = imageSize();
    byte[] out = new byte[indices.length * size];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * size, out, k * size, size);
    }
    return out;
  }

  /** The labels at {@code indices}, one byte each. */
  public byte[] labelBytes(int[] indices) {
    byte[] out = new byte[indices.length];
    for (int k = 0; k < indices.length; k++) {
      out[k] = labels[indices[k]];
    }
    return out;
  }

  /** The images at {@code indices} as floats, see {@link #copyPixels}. */
  public float[] pixels(int[] indices, PixelRange range) {
    float[] out = new float[indices.length * imageSize()];
    copyPixels(indices, out, range);
    return out;
  }

  /** The first {@code n} images as floats. */
  public float[] firstPixels(int n, PixelRange range) {
    return pixels(firstIndices(Math.min(n, count)), range);
  }

  /** A new set holding the images at {@code indices}, in that order. */
  public ImageSet subset(int[] indices) {
    int size = imageSize();
    byte[] p = new byte[indices.length * size];
    byte[] l = new byte[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * size, p, k * size, size);
      l[k] = labels[indices[k]];
    }
    return new ImageSet(indices.length, height, width, channels, p, l);
  }

  /** The first {@code n} images. */
  public ImageSet head(int n) {
    return subset(firstIndices(Math.min(n, count)));
  }

  static int[] firstIndices(int n) {
    int[] indices = new int[n];
    for (int i = 0; i < n; i++) {
      indices[i] = i;
    }
    return indices;
  }
}
