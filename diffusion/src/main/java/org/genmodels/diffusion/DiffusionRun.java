package org.genmodels.diffusion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.model.ModelRun;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.MetricValues;
import org.genmodels.shared.train.TrainingListener;

/**
 * The DDPM's part of a training run: every {@code --figures-every} epochs (and after the last) a
 * sample grid and a denoising strip; at the end the test L1 loss and, with {@code --fid-images},
 * the Fréchet distance of the judge's features (score {@code frechet}).
 */
final class DiffusionRun extends ModelRun {
  private final Diffusion ddpm;
  private final DiffusionData data;

  private DiffusionRun(Diffusion ddpm, DiffusionData data, Path dir, Console console) {
    super(data.name(), data.train().count(), ddpm.session(), dir, console);
    this.ddpm = ddpm;
    this.data = data;
  }

  static DiffusionRun start(DiffusionSettings s, Path dir, Console console) {
    DiffusionData data = DiffusionData.load(s, console::println);
    return new DiffusionRun(Diffusion.create(s, Diffusion.shapeOf(data.train())), data, dir, console);
  }

  @Override
  public String description() {
    DiffusionSettings s = ddpm.settings();
    return String.format(Locale.ROOT, "Model: SimpleUnet widths %s, %dx%dx%d images, %,d trainable"
        + " parameters; %s%s", s.unet().widths(), s.unet().imageSize(), s.unet().imageSize(), s.unet().channels(),
        ddpm.model().params().trainableCount(), ddpm.model().diffusion(),
        s.averagesWeights() ? "; samples with the weights' moving average (decay " + s.ema() + ")" : "");
  }

  @Override
  public List<TrainingListener> listeners() {
    int every = ddpm.settings().figuresEvery();
    if (every <= 0) {
      return List.of();
    }
    return List.of(TrainingListener.atEpochEnd(r -> {
      if (r.epoch() % every == 0 || r.epoch() == r.epochs()) {
        writeFigures(r.epoch());
      }
    }));
  }

  @Override
  public List<EpochResult> train(List<TrainingListener> listeners, Path resumeFrom) {
    return ddpm.train(data.train(), data.test(), listeners, resumeFrom);
  }

  @Override
  public Ending finish(List<EpochResult> history, double seconds) {
    DiffusionSettings s = ddpm.settings();
    MetricValues test = history.isEmpty() ? ddpm.evaluate(data.test()) : history.get(history.size() - 1).test();
    console.println(String.format(Locale.ROOT, "Trained %d epochs in %.1f s; %s L1 noise-prediction loss %.4f"
        + " (%d images, t and noise fixed per image by the seed)", history.size(), seconds,
        data.dataset() != null ? "test" : "training-image", test.loss(), data.test().count()));
    Map<String, Double> scores = Map.of();
    if (s.fidImages() > 0) {
      OptionalDouble frechet = FrechetReport.print(ddpm, data, s.fidImages(), s.seed(), console);
      if (frechet.isPresent()) {
        scores = Map.of("frechet", frechet.getAsDouble());
      }
    }
    console.println(s.figuresEvery() > 0 ? "Pictures in " + dir.toAbsolutePath()
        : "No pictures (--figures-every 0); checkpoints and history.csv in " + dir.toAbsolutePath());
    return new Ending(test, scores);
  }

  private void writeFigures(int epoch) {
    DiffusionSettings s = ddpm.settings();
    long begin = System.nanoTime();
    Samples samples = ddpm.sample(s.sampleImages(), s.seed(), Diffusion.SNAPSHOTS);
    Path grid = DiffusionFigures.samplesFile(dir, epoch);
    Path strip = DiffusionFigures.stripFile(dir, epoch);
    try {
      DiffusionFigures.write(samples, s.unet(), grid, strip);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + grid, e);
    }
    wrote(grid, strip);
    console.println(String.format(Locale.ROOT, "sampled %d images through %d steps in %.1f s: %s, %s",
        s.sampleImages(), s.timesteps(), (System.nanoTime() - begin) / 1e9, grid.getFileName(),
        strip.getFileName()));
  }

  @Override
  public void close() {
    ddpm.close();
  }
}
