package org.genmodels.diffusion;

import java.io.IOException;
import java.nio.file.Path;
import org.genmodels.shared.image.FigureFiles;
import org.genmodels.shared.image.ImageGrid;

/**
 * The pictures of seed 004, as PNG files: a grid of sampled images, and the denoising strip of
 * {@code sample_plot_image} — one row per image, ten snapshots taken every T/10 reverse steps,
 * from nearly pure noise on the left to the result on the right (the seed's subplot index puts
 * t = 0 leftmost; here time runs left to right). Images in [-1, 1] are shown as
 * {@code (x + 1) / 2}. Stateless; thread-safe.
 */
final class DiffusionFigures {
  /** Rows of the denoising strip (the seed draws one image; more rows show more at no cost). */
  static final int STRIP_ROWS = 8;

  private DiffusionFigures() {
  }

  /** {@code samples_epoch_<n>.png}. */
  static Path samplesFile(Path dir, int epoch) {
    return FigureFiles.perEpoch(dir, "samples", epoch);
  }

  /** {@code denoising_epoch_<n>.png}. */
  static Path stripFile(Path dir, int epoch) {
    return FigureFiles.perEpoch(dir, "denoising", epoch);
  }

  /** The grid and the strip of {@code samples}. */
  static void write(Samples samples, UnetSettings u, Path grid, Path strip) throws IOException {
    int n = samples.count();
    int cols = (int) Math.ceil(Math.sqrt(n));
    int rows = (n + cols - 1) / cols;
    writeGrid(samples.images(), n, u, rows, cols, grid);
    int stripRows = Math.min(n, STRIP_ROWS);
    int shots = samples.snapshots().size();
    int values = u.imageValues();
    float[] cells = new float[stripRows * shots * values];
    for (int r = 0; r < stripRows; r++) {
      for (int k = 0; k < shots; k++) {
        System.arraycopy(samples.snapshots().get(k), r * values, cells, (r * shots + k) * values, values);
      }
    }
    writeGrid(cells, stripRows * shots, u, stripRows, shots, strip);
  }

  private static void writeGrid(float[] images, int count, UnetSettings u, int rows, int cols, Path file)
      throws IOException {
    float[] unit = new float[count * u.imageValues()];
    for (int i = 0; i < unit.length; i++) {
      unit[i] = (images[i] + 1) / 2;
    }
    ImageGrid.writePng(ImageGrid.grid(unit, count, u.imageSize(), u.imageSize(), u.channels(), rows, cols,
        ImageGrid.Order.ROW_MAJOR), file);
  }
}
