package org.genmodels.shared.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.genmodels.shared.io.AtomicFiles;

/**
 * Pictures of many small images in one PNG, like the seeds' {@code save_images}: 100 images of
 * 28×28 in a 10×10 grid give a 280×280 8-bit grayscale PNG. Pixel values are floats in [0, 1]
 * (clamped), turned into bytes as the seeds do, {@code uint8(x · 255)} (truncation).
 */
public final class ImageGrid {
  /** How images fill the grid. */
  public enum Order {
    /** Down the first column, then the next: the seeds' {@code save_images} (image k at column k / rows). */
    COLUMN_MAJOR,
    /** Along the first row, then the next: matplotlib's subplot order. */
    ROW_MAJOR
  }

  private ImageGrid() {
  }

  /**
   * Lays out {@code min(count, rows·cols)} images; cells left over stay black.
   *
   * @param images   {@code [count, height, width, channels]} floats in [0, 1], channels 1 or 3
   */
  public static BufferedImage grid(float[] images, int count, int height, int width, int channels,
      int rows, int cols, Order order) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("images must have 1 or 3 channels, got " + channels);
    }
    int size = height * width * channels;
    if (images.length < (long) count * size) {
      throw new IllegalArgumentException("need " + count + " images of " + size + " values, got "
          + images.length + " values");
    }
    BufferedImage out = new BufferedImage(cols * width, rows * height,
        channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
    WritableRaster raster = out.getRaster();
    int[] pixel = new int[channels];
    int n = Math.min(count, rows * cols);
    for (int k = 0; k < n; k++) {
      int row = order == Order.COLUMN_MAJOR ? k % rows : k / cols;
      int col = order == Order.COLUMN_MAJOR ? k / rows : k % cols;
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int base = k * size + (y * width + x) * channels;
          for (int c = 0; c < channels; c++) {
            pixel[c] = toByte(images[base + c]);
          }
          raster.setPixel(col * width + x, row * height + y, pixel);
        }
      }
    }
    return out;
  }

  /** A grayscale grid of 1-channel images. */
  public static BufferedImage grid(float[] images, int count, int height, int width, int rows,
      int cols, Order order) {
    return grid(images, count, height, width, 1, rows, cols, order);
  }

  /** {@code left} and {@code right} side by side, separated by a mid-gray band {@code gap} wide. */
  public static BufferedImage sideBySide(BufferedImage left, BufferedImage right, int gap) {
    int h = Math.max(left.getHeight(), right.getHeight());
    BufferedImage out = new BufferedImage(left.getWidth() + gap + right.getWidth(), h, left.getType());
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.GRAY);
      g.fillRect(left.getWidth(), 0, gap, h);
      g.drawImage(left, 0, 0, null);
      g.drawImage(right, left.getWidth() + gap, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * The picture the seeds' {@code x_concat} meant to show: a 10×10 grid of originals, a gray band,
   * and a 10×10 grid of their reconstructions in the same cells (column-major as
   * {@code save_images}). 28×28 images give a 564×280 PNG.
   *
   * @param originals       {@code [n, height, width]} in [0, 1], n ≥ 100 uses the first 100
   * @param reconstructions the same shape
   */
  public static void writeComparison(Path file, float[] originals, float[] reconstructions, int n,
      int height, int width) throws IOException {
    int side = 10;
    BufferedImage left = grid(originals, n, height, width, side, side, Order.COLUMN_MAJOR);
    BufferedImage right = grid(reconstructions, n, height, width, side, side, Order.COLUMN_MAJOR);
    writePng(sideBySide(left, right, 4), file);
  }

  /** {@code uint8(clamp(v, 0, 1) · 255)}, truncating as numpy's {@code astype(np.uint8)}. */
  public static int toByte(float v) {
    float clamped = Math.max(0f, Math.min(1f, v));
    return (int) (clamped * 255f);
  }

  /** Writes {@code image} as a PNG, atomically (see {@link AtomicFiles}). */
  public static void writePng(BufferedImage image, Path file) throws IOException {
    AtomicFiles.writeStream(file, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("no PNG writer available");
      }
    });
  }
}
