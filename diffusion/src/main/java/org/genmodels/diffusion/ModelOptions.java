package org.genmodels.diffusion;

import java.util.List;
import java.util.Locale;
import org.genmodels.shared.cli.CliName;
import picocli.CommandLine.Option;

/**
 * The network's command-line options: a preset and overrides of its parts. Shared by training,
 * {@code sample} (which must build the network the checkpoint was trained with) and
 * {@code benchmark}.
 */
final class ModelOptions {
  /** The named networks. */
  enum Preset implements CliName {
    /** Widths 32, 64, 128; 32 × 32 gray; time embedding 32. */
    CPU,
    /** The seed's: widths 64 … 1024; 64 × 64 RGB; time embedding 32 (a GPU model: -Pgpu). */
    SEED004;

    UnetSettings settings() {
      return this == CPU ? UnetSettings.cpu() : UnetSettings.seed004();
    }

    /** The name the command line takes. */
    @Override
    public String cliName() {
      return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return cliName();
    }
  }

  @Option(names = "--preset", paramLabel = "NAME",
      description = "Network preset: cpu (widths 32,64,128; 32x32x1; time embedding 32) or seed004 (the"
          + " seed's widths 64,...,1024; 64x64x3; 32; about 62 M parameters, for -Pgpu).")
  Preset preset = Preset.CPU;

  @Option(names = "--widths", paramLabel = "W", split = ",",
      description = "Channel widths down the U (the up path mirrors them); overrides the preset.")
  List<Integer> widths;

  @Option(names = "--channels", paramLabel = "N", description = "Image channels (1 gray, 3 RGB); overrides the preset.")
  Integer channels;

  @Option(names = "--image-size", paramLabel = "S",
      description = "Image side the network works at (data are padded or resized to it); overrides the preset.")
  Integer imageSize;

  @Option(names = "--time-embedding", paramLabel = "D", description = "Time-embedding size; overrides the preset.")
  Integer timeEmbedding;

  /** The preset with the overrides given. */
  UnetSettings settings() {
    return settings(preset.settings().channels());
  }

  /** As {@link #settings()}, with {@code channels} where neither {@code --channels} nor a preset says. */
  UnetSettings settings(int defaultChannels) {
    UnetSettings.Builder u = preset.settings().toBuilder();
    if (preset == Preset.CPU) {
      u.channels(defaultChannels);
    }
    if (widths != null) {
      u.widths(widths);
    }
    if (channels != null) {
      u.channels(channels);
    }
    if (imageSize != null) {
      u.imageSize(imageSize);
    }
    if (timeEmbedding != null) {
      u.timeEmbedding(timeEmbedding);
    }
    return u.build();
  }
}
