package org.genmodels.shared.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.genmodels.shared.image.ImageGrid.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
  @TempDir
  Path tmp;

  /** 100 images of 28×28, image k filled with the value (k + 1)/255. */
  private static float[] numbered() {
    float[] images = new float[100 * 784];
    for (int k = 0; k < 100; k++) {
      for (int p = 0; p < 784; p++) {
        images[k * 784 + p] = (k + 1) / 255f;
      }
    }
    return images;
  }

  @Test
  void columnMajorLikeTheSeedsSaveImages() {
    BufferedImage grid = ImageGrid.grid(numbered(), 100, 28, 28, 10, 10, Order.COLUMN_MAJOR);
    assertEquals(280, grid.getWidth());
    assertEquals(280, grid.getHeight());
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, grid.getType());
    // save_images pastes image k at (x, y) = (28·(k / 10), 28·(k % 10))
    assertEquals(1 + 12, grid.getRaster().getSample(28 * 1 + 5, 28 * 2 + 5, 0)); // k = 12
    assertEquals(1 + 37, grid.getRaster().getSample(28 * 3, 28 * 7, 0));        // k = 37
    BufferedImage rows = ImageGrid.grid(numbered(), 100, 28, 28, 10, 10, Order.ROW_MAJOR);
    assertEquals(1 + 21, rows.getRaster().getSample(28 * 1, 28 * 2, 0));        // k = 21
  }

  @Test
  void bytesTruncateAsNumpyAstype() {
    assertEquals(127, ImageGrid.toByte(0.5f));   // 127.5 → 127
    assertEquals(255, ImageGrid.toByte(1f));
    assertEquals(0, ImageGrid.toByte(-0.2f));
    assertEquals(255, ImageGrid.toByte(7f));
    assertEquals(0, ImageGrid.toByte(Float.NaN));
  }

  @Test
  void comparisonIsTwoGridsWithABand() throws IOException {
    Path file = tmp.resolve("rec.png");
    float[] originals = numbered();
    float[] reconstructions = new float[originals.length];
    ImageGrid.writeComparison(file, originals, reconstructions, 100, 28, 28);
    BufferedImage read = ImageIO.read(file.toFile());
    assertEquals(564, read.getWidth());
    assertEquals(280, read.getHeight());
    assertEquals(1, read.getRaster().getSample(3, 3, 0));
    assertEquals(0, read.getRaster().getSample(284 + 3, 3, 0));
    try (var files = Files.list(tmp)) {
      assertFalse(files.anyMatch(f -> f.toString().endsWith(".tmp")));
    }
  }

  @Test
  void rgbImages() {
    float[] red = new float[2 * 2 * 3];
    for (int i = 0; i < red.length; i += 3) {
      red[i] = 1f;
    }
    BufferedImage img = ImageGrid.grid(red, 1, 2, 2, 3, 1, 1, Order.ROW_MAJOR);
    assertEquals(0xFFFF0000, img.getRGB(1, 1));
  }
}
