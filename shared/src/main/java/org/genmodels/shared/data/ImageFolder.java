package org.genmodels.shared.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Any folder of PNG and JPEG images as a data set, as the DDPM seed reads StanfordCars through
 * torchvision: every {@code *.png}, {@code *.jpg}, {@code *.jpeg} (any case) below the folder,
 * recursively (following links; hidden files such as macOS' {@code ._x.jpg} skipped), in sorted
 * path order so that runs are reproducible; each decoded to RGB ({@link RgbImage}: gray becomes
 * three equal channels, alpha is dropped) and resized to {@code size × size} ignoring the aspect
 * ratio, as {@code Resize((64, 64))} does, by PIL's antialiased bilinear filter
 * ({@link BilinearResize}). The seed's random horizontal flip is {@link HorizontalFlip}, applied per
 * batch.
 *
 * <p>The result is an {@link ImageSet} of {@code [n, size, size, 3]} bytes (NHWC, row-major) with
 * all labels 0: resized 8-bit pixels, exactly what the seed's PIL pipeline holds before
 * {@code ToTensor()}. {@code set.pixels(indices, PixelRange.SYMMETRIC)} gives the seed's floats
 * {@code x / 255 · 2 − 1} in [-1, 1] ({@code [n, size, size, 3]}, NHWC), bit for bit; an
 * {@code ImageInput} of range {@code SYMMETRIC} fed the bytes gives them within an ulp.
 *
 * <p>Memory: everything is loaded at once — acceptable for folders of tens of thousands of small
 * images, and said here so nobody is surprised: the bytes take {@code n · size² · 3} (16 185 cars at
 * 64: 199 MB), and floats, if a caller makes them for all images, four times that
 * ({@code n · size² · 3 · 4} bytes: 795 MB), which is why the set keeps bytes and batches are scaled
 * as they are fed. A set over 2 GiB of bytes (a Java array's limit) is refused with the fix.
 * Images are decoded in parallel on the common fork-join pool. Stateless and thread-safe.
 */
public final class ImageFolder {
  /** The file name endings read, compared case-insensitively. */
  public static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

  private ImageFolder() {
  }

  /**
   * The image files below {@code dir}, sorted by path.
   *
   * @throws DatasetException when {@code dir} is missing, not a directory or holds no image
   */
  public static List<Path> list(Path dir) {
    if (!Files.exists(dir)) {
      throw new DatasetException("the image folder " + dir + " does not exist: pass the directory that holds the "
          + "PNG or JPEG images (subdirectories are searched too)");
    }
    if (!Files.isDirectory(dir)) {
      throw new DatasetException(dir + " is a file, not a folder of images: pass the directory that holds the "
          + "PNG or JPEG images (subdirectories are searched too)");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      files = walk.filter(ImageFolder::isImage).filter(Files::isRegularFile)
          .sorted(Comparator.comparing(Path::toString)).toList();
    } catch (IOException | UncheckedIOException e) {
      throw new DatasetException("cannot list the image folder " + dir + ": " + e.getMessage()
          + "; check that it and its subdirectories are readable", e);
    }
    if (files.isEmpty()) {
      throw new DatasetException("no images in " + dir + ": found no *.png, *.jpg or *.jpeg file there or below "
          + "(case-insensitive); put the images there, or pass the folder that holds them");
    }
    return files;
  }

  private static boolean isImage(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(lower::endsWith);
  }

  /**
   * All images below {@code dir}, decoded, converted to RGB and resized to {@code size × size}.
   *
   * @throws DatasetException when the folder is missing or empty, or an image cannot be decoded
   *     (the error names one bad file)
   */
  public static ImageSet load(Path dir, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("the image size must be positive, got " + size);
    }
    List<Path> files = list(dir);
    int n = files.size();
    int perImage = size * size * 3;
    long total = (long) n * perImage;
    if (total > Integer.MAX_VALUE - 8) {
      throw new DatasetException(String.format(Locale.ROOT, "%d images of %d × %d × 3 in %s need %.1f GiB, more "
          + "than one Java array holds (2 GiB): choose a smaller image size or a folder with fewer images",
          n, size, size, dir, total / (double) (1L << 30)));
    }
    byte[] pixels = new byte[(int) total];
    IntStream.range(0, n).parallel().forEach(i -> {
      byte[] resized = BilinearResize.resize(RgbImage.read(files.get(i)), size, size);
      System.arraycopy(resized, 0, pixels, i * perImage, perImage);
    });
    return new ImageSet(n, size, size, 3, pixels, new byte[n]);
  }
}
