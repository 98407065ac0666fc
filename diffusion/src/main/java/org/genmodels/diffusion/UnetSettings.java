package org.genmodels.diffusion;

import java.util.List;

/**
 * The shape of seed 004's {@code SimpleUnet}: channel widths down the U (the up path mirrors
 * them), image channels, image side and time-embedding size. Two presets: {@link #cpu()}, the
 * default, sized for two CPU cores, and {@link #seed004()}, the seed's own network (about 62 M
 * parameters, a GPU model: build with {@code -Pgpu}). Immutable.
 *
 * @param widths        {@code down_channels}, e.g. (32, 64, 128); {@code up_channels} is the reverse
 * @param channels      image channels, 1 (gray) or 3 (RGB): the input's and the output's
 * @param imageSize     image side; halved {@code widths.size() − 1} times on the way down
 * @param timeEmbedding {@code time_emb_dim}: sinusoidal embedding size, even and at least 4
 */
public record UnetSettings(List<Integer> widths, int channels, int imageSize, int timeEmbedding) {
  public UnetSettings {
    widths = List.copyOf(widths);
    if (widths.size() < 2) {
      throw new IllegalArgumentException("the UNet needs at least two widths (one block down, one up), got "
          + widths);
    }
    for (int w : widths) {
      if (w < 1) {
        throw new IllegalArgumentException("widths must be positive, got " + widths);
      }
    }
    if (channels < 1) {
      throw new IllegalArgumentException("image channels must be at least 1, got " + channels);
    }
    int factor = 1 << (widths.size() - 1);
    if (imageSize < factor || imageSize % factor != 0) {
      throw new IllegalArgumentException("the image size must be a multiple of " + factor + " (halved "
          + (widths.size() - 1) + " times for widths " + widths + "), got " + imageSize);
    }
    if (timeEmbedding < 4 || timeEmbedding % 2 != 0) {
      throw new IllegalArgumentException("the time embedding size must be even and at least 4, got "
          + timeEmbedding);
    }
  }

  /** The default: widths (32, 64, 128), 32 × 32 gray images, time embedding 32. */
  public static UnetSettings cpu() {
    return new UnetSettings(List.of(32, 64, 128), 1, 32, 32);
  }

  /** The seed's network: widths (64, 128, 256, 512, 1024), 64 × 64 RGB, time embedding 32. */
  public static UnetSettings seed004() {
    return new UnetSettings(List.of(64, 128, 256, 512, 1024), 3, 64, 32);
  }

  /** Values per image, {@code imageSize² · channels}. */
  public int imageValues() {
    return imageSize * imageSize * channels;
  }

  public UnetSettings withWidths(List<Integer> w) {
    return new UnetSettings(w, channels, imageSize, timeEmbedding);
  }

  public UnetSettings withChannels(int c) {
    return new UnetSettings(widths, c, imageSize, timeEmbedding);
  }

  public UnetSettings withImageSize(int s) {
    return new UnetSettings(widths, channels, s, timeEmbedding);
  }

  public UnetSettings withTimeEmbedding(int d) {
    return new UnetSettings(widths, channels, imageSize, d);
  }
}
