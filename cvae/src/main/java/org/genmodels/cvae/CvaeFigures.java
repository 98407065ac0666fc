package org.genmodels.cvae;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.image.ImageGrid;
import org.genmodels.shared.image.LatentGrid;
import org.genmodels.shared.image.Plots;
import org.genmodels.shared.train.EpochResult;

/**
 * The pictures of seed 002, named after what they show: {@code generated_epoch_<n>.png} (a),
 * {@code mean_scatter.png} (b), {@code std_scatter.png} (c), {@code manifold.png} or
 * {@code manifold_digit<d>.png} (d), {@code noise_vs_posterior.png} (e), and
 * {@code learning_curve.png}. Latent plots use the first two latent dimensions.
 */
final class CvaeFigures {
  /** The seed's colours for digits 0..9. */
  static final List<Color> SEED_COLORS = List.of(Color.BLUE, Color.RED, new Color(0x008000), Color.YELLOW,
      Color.PINK, Color.CYAN, new Color(0xA52A2A), new Color(0xFFA500), new Color(0x32CD32), new Color(0x8A2BE2));
  /** Training images the scatters and the manifold range use, as the seed does. */
  static final int SCATTER_IMAGES = 1000;
  private static final int GRID = 20;
  private static final int SIZE = CvaeModel.SIZE;

  private final Cvae cvae;
  private final Path dir;

  CvaeFigures(Cvae cvae, Path dir) {
    this.cvae = cvae;
    this.dir = dir;
  }

  /** (a) 10 rows × 20 columns of decoded {@code z ~ N(0, I)}; row i is digit i when conditional. */
  void generation(Path file) throws IOException {
    int cols = 20;
    float[] images = new float[10 * cols * SIZE * SIZE];
    for (int digit = 0; digit < 10; digit++) {
      float[] row = cvae.generate(digit, cols, cvae.settings().seed() + digit);
      System.arraycopy(row, 0, images, digit * row.length, row.length);
    }
    write(images, 10, cols, file);
  }

  /** (b), (c) and (d): the latent scatters of the first 1000 training images and the manifolds; returns the files. */
  List<Path> latent(ImageSet train, DatasetName dataset) throws IOException {
    int n = Math.min(SCATTER_IMAGES, train.count());
    int[] labels = labels(train, n);
    Cvae.Encoding e = cvae.encode(train.firstPixels(n, PixelRange.SYMMETRIC), labels, n);
    int latent = cvae.settings().latentSize();
    float[] std = new float[e.logVar().length];
    for (int i = 0; i < std.length; i++) {
      std[i] = (float) Math.exp(0.5 * e.logVar()[i]);
    }
    List<Path> written = new ArrayList<>(List.of(dir.resolve("mean_scatter.png"), dir.resolve("std_scatter.png")));
    scatter("Mean", e.mean(), latent, labels, dataset, written.get(0));
    scatter("Std", std, latent, labels, dataset, written.get(1));
    if (latent != 2) {
      return written;
    }
    float[] range = range(e.mean());
    float[] z = grid(range[0], range[1], range[2], range[3]);
    if (cvae.settings().conditional()) {
      for (int digit : cvae.settings().manifoldDigits()) {
        Path file = dir.resolve("manifold_digit" + digit + ".png");
        write(cvae.decode(z, repeat(digit, GRID * GRID), GRID * GRID), GRID, GRID, file);
        written.add(file);
      }
    } else {
      Path file = dir.resolve("manifold.png");
      write(cvae.decode(z, null, GRID * GRID), GRID, GRID, file);
      written.add(file);
    }
    return written;
  }

  /** (e) for the first 10 training images: decoder(noise·std + mean) over decoder(noise). */
  Path noiseVersusPosterior(ImageSet train) throws IOException {
    int n = 10;
    int latent = cvae.settings().latentSize();
    int[] labels = labels(train, n);
    Cvae.Encoding e = cvae.encode(train.firstPixels(n, PixelRange.SYMMETRIC), labels, n);
    float[] noise = Cvae.standardNormal(n * latent, cvae.settings().seed());
    float[] z = new float[noise.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = noise[i] * (float) Math.exp(0.5 * e.logVar()[i]) + e.mean()[i];
    }
    float[] top = cvae.decode(z, labels, n);
    float[] bottom = cvae.decode(noise, labels, n);
    float[] both = new float[top.length + bottom.length];
    System.arraycopy(top, 0, both, 0, top.length);
    System.arraycopy(bottom, 0, both, top.length, bottom.length);
    Path file = dir.resolve("noise_vs_posterior.png");
    write(both, 2, n, file);
    return file;
  }

  /** Train and test loss per epoch. */
  Path learningCurve(List<EpochResult> history) throws IOException {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("train", history.stream().mapToDouble(r -> r.train().loss()).toArray());
    series.put("test", history.stream().mapToDouble(r -> r.test().loss()).toArray());
    Path file = dir.resolve("learning_curve.png");
    ImageGrid.writePng(Plots.learningCurves("Learning curve", "loss (squared error + KL per image)", series), file);
    return file;
  }

  /**
   * The seed's {@code interpolation2d}: a 20×20 grid, x from {@code x1} to {@code x2} left to
   * right, y from {@code y2} down to {@code y1} top to bottom; {@code [400, 2]}.
   */
  static float[] grid(double x1, double x2, double y1, double y2) {
    double[] ys = LatentGrid.linspace(y2, y1, GRID);
    return LatentGrid.points(LatentGrid.linspace(x1, x2, GRID), ys);
  }

  /** {@code {min x, max x, min y, max y}} of 2-d points {@code [n, 2]}. */
  static float[] range(float[] points) {
    float[] r = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE};
    for (int i = 0; i < points.length; i += 2) {
      r[0] = Math.min(r[0], points[i]);
      r[1] = Math.max(r[1], points[i]);
      r[2] = Math.min(r[2], points[i + 1]);
      r[3] = Math.max(r[3], points[i + 1]);
    }
    return r;
  }

  /** Writes images in [-1, 1] as a grid, row-major. */
  void write(float[] images, int rows, int cols, Path file) throws IOException {
    float[] unit = new float[images.length];
    for (int i = 0; i < unit.length; i++) {
      unit[i] = (images[i] + 1) / 2;
    }
    ImageGrid.writePng(ImageGrid.grid(unit, rows * cols, SIZE, SIZE, rows, cols, ImageGrid.Order.ROW_MAJOR), file);
  }

  private void scatter(String title, float[] values, int latent, int[] labels, DatasetName dataset, Path file)
      throws IOException {
    int n = labels.length;
    float[] x = new float[n];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = values[i * latent];
      y[i] = values[i * latent + 1];
    }
    ImageGrid.writePng(Plots.scatter(title, "Dimension 1", "Dimension 2", x, y, labels, dataset.classNames(),
        SEED_COLORS), file);
  }

  static int[] labels(ImageSet set, int n) {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = set.label(i);
    }
    return labels;
  }

  private static int[] repeat(int value, int n) {
    int[] out = new int[n];
    Arrays.fill(out, value);
    return out;
  }
}
