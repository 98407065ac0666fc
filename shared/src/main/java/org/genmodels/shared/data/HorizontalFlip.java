package org.genmodels.shared.data;

import java.util.SplittableRandom;

/**
 * The seed's {@code RandomHorizontalFlip()}: each example of a batch is mirrored left–right with
 * probability 1/2. The choice is a pure function of this flip's seed and a batch key, never of
 * hidden state, so a run resumed from a checkpoint flips exactly as an uninterrupted one would.
 * The key is the caller's — the global step is a good one — or {@link #key(int[])}, a hash of the
 * batch's example indices: a shuffling {@link Batcher} draws those from its seed and the epoch
 * alone, so the flips then follow from (seeds, epoch, step) without the step being passed around,
 * as a {@code BatchFeeder} needs (without shuffling, every epoch would repeat the same flips).
 *
 * <p>Images are {@code [n, height, width, channels]}, row-major (NHWC), bytes or floats; flipping
 * reverses the pixel order of every row and keeps each pixel's channels together. Immutable and
 * thread-safe; the in-place methods change only the array they are given.
 */
public final class HorizontalFlip {
  private final long seed;

  public HorizontalFlip(long seed) {
    this.seed = seed;
  }

  /** Which of the {@code n} examples of the batch {@code key} are flipped. */
  public boolean[] draw(long key, int n) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + key);
    boolean[] flip = new boolean[n];
    for (int i = 0; i < n; i++) {
      flip[i] = random.nextBoolean();
    }
    return flip;
  }

  /** A key identifying a batch by its example indices, in order (64-bit FNV-1a over the ints). */
  public static long key(int[] indices) {
    long h = 0xCBF29CE484222325L;
    for (int index : indices) {
      h = (h ^ index) * 0x100000001B3L;
    }
    return h;
  }

  /**
   * The images at {@code indices} of {@code set} as bytes, each flipped or not as
   * {@code draw(key(indices), indices.length)} says.
   */
  public byte[] batch(ImageSet set, int[] indices) {
    byte[] images = set.bytes(indices);
    apply(images, draw(key(indices), indices.length), set.height(), set.width(), set.channels());
    return images;
  }

  /** Mirrors, in place, the images {@code i} of {@code images} with {@code which[i]} true. */
  public static void apply(byte[] images, boolean[] which, int height, int width, int channels) {
    mirror(images.length, which, height, width, channels, (a, b) -> {
      byte t = images[a];
      images[a] = images[b];
      images[b] = t;
    });
  }

  /** As {@link #apply(byte[], boolean[], int, int, int)}, for float images. */
  public static void apply(float[] images, boolean[] which, int height, int width, int channels) {
    mirror(images.length, which, height, width, channels, (a, b) -> {
      float t = images[a];
      images[a] = images[b];
      images[b] = t;
    });
  }

  /** Swaps two elements of the array being flipped, by index. */
  private interface Swap {
    void swap(int a, int b);
  }

  /** The swaps that mirror the chosen images of an array of {@code length} values. */
  private static void mirror(int length, boolean[] which, int height, int width, int channels, Swap swap) {
    int size = checkSize(length, which.length, height, width, channels);
    for (int i = 0; i < which.length; i++) {
      if (!which[i]) {
        continue;
      }
      for (int r = 0; r < height; r++) {
        int row = i * size + r * width * channels;
        for (int left = 0, right = width - 1; left < right; left++, right--) {
          for (int c = 0; c < channels; c++) {
            swap.swap(row + left * channels + c, row + right * channels + c);
          }
        }
      }
    }
  }

  private static int checkSize(int length, int n, int height, int width, int channels) {
    int size = height * width * channels;
    if ((long) n * size != length) {
      throw new IllegalArgumentException("expected " + n + " images of " + height + " × " + width + " × " + channels
          + " (" + (long) n * size + " values), got " + length);
    }
    return size;
  }
}
