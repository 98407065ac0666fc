package org.genmodels.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.image.FigureFiles;
import org.genmodels.shared.image.ImageGrid;
import org.genmodels.shared.image.LatentGrid;
import org.genmodels.shared.image.Plots;
import org.genmodels.shared.nn.Reduction;
import org.genmodels.shared.train.EpochResult;

/**
 * The pictures a VAE run draws, named as the seeds name them: per epoch {@code sampled_epoch_<n>.png}
 * and {@code rec_epoch_<n>.png}; at the end {@code learning_curve.png}, {@code latent_scatter.png}
 * and, for a 2-d latent, {@code manifold.png}.
 */
final class VaeFigures {
  private static final int GRID = 10;

  private final Vae vae;
  private final Path dir;

  VaeFigures(Vae vae, Path dir) {
    this.vae = vae;
    this.dir = dir;
  }

  /** {@code VAE.py}'s per-epoch evaluation: decoded prior samples, and test reconstructions. */
  List<Path> epoch(int epoch, ImageSet test) throws IOException {
    int n = GRID * GRID;
    float[] samples = vae.sample(n, vae.settings().seed());
    Path sampled = FigureFiles.perEpoch(dir, "sampled", epoch);
    ImageGrid.writePng(ImageGrid.grid(samples, n, 28, 28, GRID, GRID, ImageGrid.Order.COLUMN_MAJOR), sampled);
    float[] originals = test.firstPixels(n, PixelRange.UNIT);
    Path rec = FigureFiles.perEpoch(dir, "rec", epoch);
    ImageGrid.writeComparison(rec, originals, vae.reconstruct(originals, n), n, 28, 28);
    return List.of(sampled, rec);
  }

  /** Seed 004's learning curves: train and test loss per epoch. */
  Path learningCurve(List<EpochResult> history) throws IOException {
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("train", history.stream().mapToDouble(r -> r.train().loss()).toArray());
    series.put("test", history.stream().mapToDouble(r -> r.test().loss()).toArray());
    Path file = dir.resolve("learning_curve.png");
    ImageGrid.writePng(Plots.learningCurves("Learning curve", "loss (" + lossUnit() + ")", series), file);
    return file;
  }

  /** The encoder means of the test set, coloured by class: both dimensions, or the first two. */
  Path latentScatter(ImageSet test, DatasetName dataset) throws IOException {
    int n = test.count();
    int latent = vae.settings().latentSize();
    float[] means = vae.encode(test.firstPixels(n, PixelRange.UNIT), n).mean();
    float[] x = new float[n];
    float[] y = new float[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = means[i * latent];
      y[i] = means[i * latent + 1];
      labels[i] = test.label(i);
    }
    String title = latent == 2 ? "Test set in latent space (encoder means)"
        : "Test set, first two of " + latent + " latent dimensions (encoder means)";
    Path file = dir.resolve("latent_scatter.png");
    ImageGrid.writePng(Plots.scatter(title, "z[0]", "z[1]", x, y, labels, dataset.classNames(), Plots.TAB10), file);
    return file;
  }

  /**
   * The seeds' manifold: images decoded from the n×n grid {@code norm.ppf(linspace(0.05, 0.95, n))},
   * row i at {@code y_i}, column j at {@code x_j}; 28n × 28n pixels.
   */
  Path manifold(int n) throws IOException {
    double[] grid = LatentGrid.normalQuantiles(n);
    float[] images = vae.decode(LatentGrid.points(grid, grid), n * n);
    Path file = dir.resolve("manifold.png");
    ImageGrid.writePng(ImageGrid.grid(images, n * n, 28, 28, n, n, ImageGrid.Order.ROW_MAJOR), file);
    return file;
  }

  private String lossUnit() {
    return vae.settings().reduction() == Reduction.SUM_PER_EXAMPLE
        ? "nats per image" : "mean per element";
  }
}
