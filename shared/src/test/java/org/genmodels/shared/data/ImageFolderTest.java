package org.genmodels.shared.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny PNG and JPEG files written here with known pixels, read back through the folder. */
class ImageFolderTest {
  @TempDir
  Path dir;

  private static BufferedImage image(int type, int width, int height, int... argb) {
    BufferedImage image = new BufferedImage(width, height, type);
    for (int p = 0; p < width * height; p++) {
      image.setRGB(p % width, p / width, argb.length == 1 ? argb[0] : argb[p]);
    }
    return image;
  }

  private static Path write(BufferedImage image, String format, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    assertTrue(ImageIO.write(image, format, file.toFile()), "a writer for " + format);
    return file;
  }

  private static int[] rgb(ImageSet set, int image, int pixel) {
    int at = image * set.imageSize() + pixel * 3;
    return new int[] {set.pixels()[at] & 0xFF, set.pixels()[at + 1] & 0xFF, set.pixels()[at + 2] & 0xFF};
  }

  @Test
  void listsImagesRecursivelyCaseInsensitivelySortedSkippingOthers() throws IOException {
    BufferedImage one = image(BufferedImage.TYPE_INT_RGB, 1, 1, 0);
    write(one, "png", dir.resolve("b.PNG"));
    write(one, "jpg", dir.resolve("a").resolve("z.JpEg"));
    write(one, "jpg", dir.resolve("a").resolve("y.jpg"));
    write(one, "png", dir.resolve("._hidden.png"));
    Files.writeString(dir.resolve("notes.txt"), "not an image");
    Files.createDirectories(dir.resolve("empty.png"));
    assertEquals(List.of(dir.resolve("a/y.jpg"), dir.resolve("a/z.JpEg"), dir.resolve("b.PNG")),
        ImageFolder.list(dir));
  }

  @Test
  void constantColourStaysThatColourAtAnySize() throws IOException {
    int colour = (10 << 16) | (200 << 8) | 77;
    write(image(BufferedImage.TYPE_INT_RGB, 5, 3, colour), "png", dir.resolve("c.png"));
    for (int size : new int[] {1, 2, 4, 7}) {
      ImageSet set = ImageFolder.load(dir, size);
      assertEquals(List.of(1, size, size, 3), List.of(set.count(), set.height(), set.width(), set.channels()));
      assertEquals(size * size * 3, set.pixels().length);
      for (int p = 0; p < size * size; p++) {
        assertArrayEquals(new int[] {10, 200, 77}, rgb(set, 0, p), "size " + size + " pixel " + p);
      }
      float[] floats = set.pixels(new int[] {0}, PixelRange.SYMMETRIC);
      assertEquals(10 / 255f * 2 - 1, floats[0]);
      assertEquals(200 / 255f * 2 - 1, floats[1]);
      assertEquals(77 / 255f * 2 - 1, floats[2]);
      assertEquals(0, set.label(0));
    }
  }

  @Test
  void sameSizeKeepsPixelsInRowMajorNhwcOrder() throws IOException {
    int[] colours = {0x010203, 0x405060, 0xA0B0C0, 0xFFFE00};
    write(image(BufferedImage.TYPE_INT_RGB, 2, 2, colours), "png", dir.resolve("p.png"));
    ImageSet set = ImageFolder.load(dir, 2);
    for (int p = 0; p < 4; p++) {
      int c = colours[p];
      assertArrayEquals(new int[] {c >> 16, (c >> 8) & 0xFF, c & 0xFF}, rgb(set, 0, p), "pixel " + p);
    }
  }

  @Test
  void grayBecomesThreeEqualChannelsWithTheStoredValues() throws IOException {
    BufferedImage gray = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
    int[] values = {0, 64, 128, 255};
    gray.getRaster().setPixels(0, 0, 2, 2, values);
    write(gray, "png", dir.resolve("g.png"));
    ImageSet set = ImageFolder.load(dir, 2);
    for (int p = 0; p < 4; p++) {
      int v = values[p];
      assertArrayEquals(new int[] {v, v, v}, rgb(set, 0, p), "pixel " + p);
    }
  }

  @Test
  void alphaIsDroppedNotBlended() throws IOException {
    int[] argb = {0x00FF0000, 0x8000FF00, 0xFF0000FF, 0x01102030};
    write(image(BufferedImage.TYPE_INT_ARGB, 2, 2, argb), "png", dir.resolve("a.png"));
    ImageSet set = ImageFolder.load(dir, 2);
    for (int p = 0; p < 4; p++) {
      int c = argb[p];
      assertArrayEquals(new int[] {(c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF}, rgb(set, 0, p), "pixel " + p);
    }
  }

  @Test
  void jpegsAreReadAndSeveralImagesStackInSortedOrder() throws IOException {
    // a constant 16 × 16 JPEG keeps its colour up to the YCbCr round trip (±2)
    write(image(BufferedImage.TYPE_INT_RGB, 16, 16, 0x3C78B4), "jpg", dir.resolve("1.jpg"));
    write(image(BufferedImage.TYPE_INT_RGB, 3, 5, 0xFFFFFF), "png", dir.resolve("2.png"));
    ImageSet set = ImageFolder.load(dir, 8);
    assertEquals(2, set.count());
    int[] expected = {0x3C, 0x78, 0xB4};
    for (int p = 0; p < 64; p++) {
      int[] got = rgb(set, 0, p);
      for (int c = 0; c < 3; c++) {
        assertEquals(expected[c], got[c], 2, "jpeg pixel " + p + " channel " + c);
      }
      assertArrayEquals(new int[] {255, 255, 255}, rgb(set, 1, p));
    }
    float[] floats = set.pixels(new int[] {0, 1}, PixelRange.SYMMETRIC);
    assertEquals(2 * 8 * 8 * 3, floats.length);
    for (float f : floats) {
      assertTrue(f >= -1 && f <= 1, "in [-1, 1]: " + f);
    }
  }

  @Test
  void missingFileAndEmptyFoldersAreErrorsNamingThePathAndTheFix() throws IOException {
    Path missing = dir.resolve("nope");
    DatasetException e = assertThrows(DatasetException.class, () -> ImageFolder.load(missing, 8));
    assertTrue(e.getMessage().startsWith("the image folder " + missing + " does not exist: pass the directory"),
        e.getMessage());
    Path file = Files.writeString(dir.resolve("file.png"), "x");
    e = assertThrows(DatasetException.class, () -> ImageFolder.list(file));
    assertTrue(e.getMessage().startsWith(file + " is a file, not a folder of images"), e.getMessage());
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Files.writeString(empty.resolve("readme.txt"), "no images here");
    e = assertThrows(DatasetException.class, () -> ImageFolder.load(empty, 8));
    assertTrue(e.getMessage().startsWith("no images in " + empty + ": found no *.png, *.jpg or *.jpeg"),
        e.getMessage());
  }

  @Test
  void corruptImagesAreErrorsNamingTheFile() throws IOException {
    Path text = dir.resolve("text").resolve("fake.jpg");
    Files.createDirectories(text.getParent());
    Files.writeString(text, "this is not a JPEG");
    DatasetException e = assertThrows(DatasetException.class, () -> ImageFolder.load(text.getParent(), 8));
    assertTrue(e.getMessage().startsWith("cannot decode the image " + text + ": it is not a PNG or JPEG"),
        e.getMessage());
    Path good = write(image(BufferedImage.TYPE_INT_RGB, 20, 20, 0x123456), "png", dir.resolve("cut").resolve("t.png"));
    byte[] bytes = Files.readAllBytes(good);
    Files.write(good, Arrays.copyOf(bytes, bytes.length / 2));
    e = assertThrows(DatasetException.class, () -> ImageFolder.load(good.getParent(), 8));
    assertTrue(e.getMessage().startsWith("cannot decode the image " + good + " ("), e.getMessage());
    assertTrue(e.getMessage().contains("re-save it as an RGB PNG or JPEG, or remove it"), e.getMessage());
  }

  @Test
  void refusesANonPositiveSize() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> ImageFolder.load(dir, 0));
  }
}
