package org.genmodels.cvae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.data.DatasetLoader;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.image.FigureFiles;
import org.genmodels.shared.judge.Judge;
import org.genmodels.shared.judge.LabelAccuracy;
import org.genmodels.shared.model.ModelRun;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.MetricValues;
import org.genmodels.shared.train.TrainingListener;

/**
 * The CVAE's part of a training run: {@code generated_epoch_<n>.png} every epoch; at the end the
 * seed's latent, manifold and noise-versus-posterior figures, the learning curve and, for the
 * conditional model, the judge's label accuracy of generated images (score {@code label_accuracy}).
 */
final class CvaeRun extends ModelRun {
  private final Cvae cvae;
  private final ImageData full;
  private final ImageData data;
  private final int judgeImages;
  private final CvaeFigures figures;

  private CvaeRun(Cvae cvae, ImageData full, ImageData data, Path dir, Console console, int judgeImages) {
    super(data.name().cliName(), data.train().count(), cvae.session(), dir, console);
    this.cvae = cvae;
    this.full = full;
    this.data = data;
    this.judgeImages = judgeImages;
    this.figures = new CvaeFigures(cvae, dir);
  }

  /** @param judgeImages images per digit the judge reads at the end; 0: none */
  static CvaeRun start(CvaeSettings s, Path dir, Console console, int judgeImages) {
    ImageData full = DatasetLoader.standard(s.dataDir(), console::println).load(s.dataset());
    return new CvaeRun(Cvae.create(s), full, CvaeCommand.limit(full, s), dir, console, judgeImages);
  }

  @Override
  public String description() {
    CvaeSettings s = cvae.settings();
    return String.format(Locale.ROOT, "Model: %s, latent %d, %,d trainable parameters",
        s.conditional() ? "conditional conv VAE" : "conv VAE", s.latentSize(), cvae.model().params().trainableCount());
  }

  @Override
  public List<TrainingListener> listeners() {
    return List.of(atEpochEnd(epoch -> {
      Path file = FigureFiles.perEpoch(dir, "generated", epoch);
      figures.generation(file);
      return List.of(file);
    }));
  }

  @Override
  public List<EpochResult> train(List<TrainingListener> listeners, Path resumeFrom) {
    return cvae.train(data, listeners, resumeFrom);
  }

  @Override
  public Ending finish(List<EpochResult> history, double seconds) throws IOException {
    CvaeSettings s = cvae.settings();
    MetricValues test = history.isEmpty() ? cvae.evaluate(data.test()) : history.get(history.size() - 1).test();
    console.println(String.format(Locale.ROOT, "Trained %d epochs in %.1f s; test loss %.2f per image"
        + " (squared error %.2f + KL %.2f)", history.size(), seconds, test.loss(), test.get("rec"), test.get("kl")));
    if (!history.isEmpty()) {
      // a resumed run draws the epochs it trained
      wrote(figures.learningCurve(history));
    }
    wrote(figures.latent(data.train(), s.dataset()));
    wrote(figures.noiseVersusPosterior(data.train()));
    Map<String, Double> scores = Map.of();
    if (s.conditional() && judgeImages > 0) {
      scores = Map.of("label_accuracy", reportLabelAccuracy());
    }
    console.println("Pictures in " + dir.toAbsolutePath());
    return new Ending(test, scores);
  }

  /**
   * Generates {@code judgeImages} images per digit and reports how many the judge reads as meant;
   * returns that fraction.
   */
  private double reportLabelAccuracy() {
    try (Judge judge = Judge.loadOrTrain(full, Judge.defaultCacheDir(), console::println)) {
      LabelAccuracy accuracy = CvaeJudging.labelAccuracy(cvae, judge, judgeImages);
      console.println(String.format(Locale.ROOT, "Label accuracy of %d generated images per digit (judge: %.2f %%"
          + " on the test set): %s", judgeImages, 100 * judge.testAccuracy(), accuracy.describe()));
      return accuracy.overall();
    }
  }

  @Override
  public void close() {
    cvae.close();
  }
}
