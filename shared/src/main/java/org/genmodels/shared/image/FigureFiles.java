package org.genmodels.shared.image;

import java.nio.file.Path;

/**
 * The one naming scheme of the pictures every model writes once an epoch:
 * {@code <what>_epoch_<n>.png} with the 1-based epoch, as {@code AE.py} names its
 * {@code rec_epoch_%d.png} ({@code rec_epoch_3.png}, {@code sampled_epoch_3.png},
 * {@code generated_epoch_3.png}, {@code samples_epoch_3.png}, {@code denoising_epoch_3.png}).
 */
public final class FigureFiles {
  private FigureFiles() {
  }

  /** {@code dir/<what>_epoch_<epoch>.png}. */
  public static Path perEpoch(Path dir, String what, int epoch) {
    if (epoch < 1) {
      throw new IllegalArgumentException("epochs count from 1, got " + epoch);
    }
    return dir.resolve(what + "_epoch_" + epoch + ".png");
  }
}
