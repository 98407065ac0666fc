package org.genmodels.ae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.data.DatasetLoader;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.image.FigureFiles;
import org.genmodels.shared.image.ImageGrid;
import org.genmodels.shared.model.ModelRun;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.MetricValues;
import org.genmodels.shared.train.TrainingListener;

/**
 * The autoencoder's part of a training run: after every epoch {@code rec_epoch_<n>.png}, the
 * first 100 test images beside their reconstructions; at the end the {@code Done:} line.
 */
final class AutoencoderRun extends ModelRun {
  private final Autoencoder ae;
  private final ImageData data;

  private AutoencoderRun(Autoencoder ae, ImageData data, Path dir, Console console) {
    super(data.name().cliName(), data.train().count(), ae.session(), dir, console);
    this.ae = ae;
    this.data = data;
  }

  static AutoencoderRun start(AutoencoderSettings s, Path dir, Console console) {
    ImageData data = DatasetLoader.standard(s.dataDir(), console::println).load(s.dataset());
    return new AutoencoderRun(Autoencoder.create(s), data, dir, console);
  }

  @Override
  public String description() {
    AutoencoderSettings s = ae.settings();
    return String.format(Locale.ROOT, "Model: %s-%s-%d, %,d trainable parameters", AutoencoderModel.INPUT_SIZE,
        s.hiddenSizes(), s.codeSize(), ae.model().params().trainableCount());
  }

  @Override
  public List<TrainingListener> listeners() {
    return List.of(atEpochEnd(epoch -> List.of(writeReconstructions(ae, data, dir, epoch))));
  }

  @Override
  public List<EpochResult> train(List<TrainingListener> listeners, Path resumeFrom) {
    return ae.train(data, listeners, resumeFrom);
  }

  @Override
  public Ending finish(List<EpochResult> history, double seconds) {
    if (history.isEmpty()) {
      double loss = ae.evaluate(data.test());
      console.println(String.format(Locale.ROOT, "Done: test BCE %.4f", loss));
      return new Ending(new MetricValues(List.of("loss"), new double[] {loss}), Map.of());
    }
    EpochResult last = history.get(history.size() - 1);
    EpochResult best = history.stream().min((a, b) -> Double.compare(a.test().loss(), b.test().loss()))
        .orElseThrow();
    console.println(String.format(Locale.ROOT,
        "Done: %d epochs of %s in %.1f s; test BCE %.4f (best %.4f after epoch %d); pictures in %s",
        history.size(), ae.settings().dataset().displayName(), seconds, last.test().loss(), best.test().loss(),
        best.epoch(), dir.toAbsolutePath()));
    return new Ending(last.test(), Map.of());
  }

  /** The seed's evaluation: the first test batch, reconstructed; its first 100 images drawn. */
  static Path writeReconstructions(Autoencoder ae, ImageData data, Path dir, int epoch) throws IOException {
    int n = 100;
    float[] originals = data.test().firstPixels(n, PixelRange.UNIT);
    float[] reconstructions = ae.reconstruct(originals, n);
    Path file = FigureFiles.perEpoch(dir, "rec", epoch);
    ImageGrid.writeComparison(file, originals, reconstructions, n, 28, 28);
    return file;
  }

  @Override
  public void close() {
    ae.close();
  }
}
