package org.genmodels.shared.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * One decoded image as 8-bit RGB, as PIL's {@code Image.open(f).convert("RGB")} gives it: grayscale
 * becomes three equal channels, alpha is dropped (not blended), a palette is looked up. The stored
 * samples are taken as they are — no colour management, like PIL: going through
 * {@code BufferedImage.getRGB} would brighten grayscale PNGs (Java treats their gray as linear) and
 * apply embedded ICC profiles. Deeper samples (16-bit PNG) are rounded to 8 bits. Other colour
 * spaces (CMYK JPEG, say) go through Java's conversion to sRGB where it has one.
 *
 * @param width  columns
 * @param height rows
 * @param rgb    {@code height × width × 3} unsigned bytes, row-major, channels last
 */
record RgbImage(int width, int height, byte[] rgb) {

  /**
   * Decodes a PNG or JPEG (any format {@code javax.imageio} reads).
   *
   * @throws DatasetException naming the file when it cannot be read or decoded
   */
  static RgbImage read(Path file) {
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new DatasetException("cannot decode the image " + file + " (" + e.getMessage()
          + "): the file is corrupt, truncated or in a colour format Java cannot read; re-save it as an RGB PNG "
          + "or JPEG, or remove it from the folder", e);
    }
    if (image == null) {
      throw new DatasetException("cannot decode the image " + file + ": it is not a PNG or JPEG image (no "
          + "decoder recognises its content); re-save it as PNG or JPEG, or remove it from the folder");
    }
    return of(image);
  }

  /** The RGB bytes of a decoded image. */
  static RgbImage of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] rgb = new byte[w * h * 3];
    ColorModel cm = image.getColorModel();
    int type = cm.getColorSpace().getType();
    Raster raster = image.getRaster();
    if (!(cm instanceof IndexColorModel) && (type == ColorSpace.TYPE_GRAY || type == ColorSpace.TYPE_RGB)) {
      int colours = type == ColorSpace.TYPE_GRAY ? 1 : 3;
      int[] row = new int[w];
      for (int c = 0; c < 3; c++) {
        int band = colours == 1 ? 0 : c;
        double max = (1L << cm.getComponentSize(band)) - 1;
        for (int y = 0; y < h; y++) {
          raster.getSamples(0, y, w, 1, band, row);
          for (int x = 0; x < w; x++) {
            rgb[(y * w + x) * 3 + c] = (byte) Math.round(row[x] * 255.0 / max);
          }
        }
      }
    } else {
      int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
      for (int p = 0; p < argb.length; p++) {
        rgb[p * 3] = (byte) (argb[p] >> 16);
        rgb[p * 3 + 1] = (byte) (argb[p] >> 8);
        rgb[p * 3 + 2] = (byte) argb[p];
      }
    }
    return new RgbImage(w, h, rgb);
  }
}
