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
    return builder().build();
  }

  /** The seed's network: widths (64, 128, 256, 512, 1024), 64 × 64 RGB, time embedding 32. */
  public static UnetSettings seed004() {
    return builder().widths(List.of(64, 128, 256, 512, 1024)).channels(3).imageSize(64).timeEmbedding(32).build();
  }

  /** A builder that starts from {@link #cpu()}. */
  public static Builder builder() {
    return new Builder().widths(List.of(32, 64, 128)).channels(1).imageSize(32).timeEmbedding(32);
  }

  public Builder toBuilder() {
    return new Builder().widths(widths).channels(channels).imageSize(imageSize).timeEmbedding(timeEmbedding);
  }

  /** Values per image, {@code imageSize² · channels}. */
  public int imageValues() {
    return imageSize * imageSize * channels;
  }

  /** Builds settings field by field; start from {@link #builder()} or {@link #toBuilder()}. */
  public static final class Builder {
    private List<Integer> widths;
    private int channels;
    private int imageSize;
    private int timeEmbedding;

    private Builder() {
    }

    public Builder widths(List<Integer> v) { widths = v; return this; }
    public Builder channels(int v) { channels = v; return this; }
    public Builder imageSize(int v) { imageSize = v; return this; }
    public Builder timeEmbedding(int v) { timeEmbedding = v; return this; }

    /** The settings; throws {@link IllegalArgumentException} where a value is out of range. */
    public UnetSettings build() {
      return new UnetSettings(widths, channels, imageSize, timeEmbedding);
    }
  }
}
