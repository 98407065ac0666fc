package org.genmodels.diffusion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.genmodels.shared.cli.AdamOptions;
import org.genmodels.shared.cli.CheckpointOptions;
import org.genmodels.shared.cli.Cli;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.DataOptions;
import org.genmodels.shared.cli.GivenOptions;
import org.genmodels.shared.cli.OutputDirectory;
import org.genmodels.shared.cli.ProgressOptions;
import org.genmodels.shared.cli.RunOptions;
import org.genmodels.shared.cli.SettingsLog;
import org.genmodels.shared.cli.TrainLimitOptions;
import org.genmodels.shared.train.Adam;
import org.genmodels.shared.train.CheckpointSlots;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.HistoryCsv;
import org.genmodels.shared.train.MetricValues;
import org.genmodels.shared.train.RunKey;
import org.genmodels.shared.train.StoredSettings;
import org.genmodels.shared.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains seed 004's DDPM (MODELS.md §5) on MNIST or Fashion-MNIST padded to 32 × 32, writing a
 * sample grid and a denoising strip every few epochs, checkpoints, and the test L1 loss at the
 * end; subcommands sample from a checkpoint and measure speed.
 */
@Command(name = "diffusion", mixinStandardHelpOptions = true, showDefaultValues = true,
    resourceBundle = "org.genmodels.diffusion.DiffusionOptions",
    subcommands = {DiffusionSample.class, DiffusionBenchmark.class},
    description = {"Train the DDPM of seed 004 (PyTorch; MODELS.md §5): a SimpleUnet predicting the noise of"
        + " the linear-beta forward process, L1 loss. Every --figures-every epochs writes"
        + " samples_epoch_<n>.png and denoising_epoch_<n>.png; checkpoints go to <output>/checkpoint; the"
        + " run ends with the test L1 loss (fixed noise per test image)."})
public final class DiffusionMain implements Callable<Integer> {
  private static final DiffusionSettings DEFAULTS = DiffusionSettings.defaults();

  @Mixin
  RunOptions run = new RunOptions(DEFAULTS.dataset(), DEFAULTS.epochs(), DEFAULTS.batchSize(), DEFAULTS.seed(),
      DEFAULTS.outputDir());

  @Mixin
  AdamOptions adam = new AdamOptions(DEFAULTS.adam().learningRate());

  @Option(names = "--timesteps", paramLabel = "T", description = "Diffusion steps T.")
  int timesteps = DEFAULTS.timesteps();

  @Option(names = "--beta-start", paramLabel = "B", description = "The first beta of the linear schedule.")
  double betaStart = DEFAULTS.betaStart();

  @Option(names = "--beta-end", paramLabel = "B", description = "The last beta of the linear schedule.")
  double betaEnd = DEFAULTS.betaEnd();

  @Mixin
  ModelOptions model = new ModelOptions();

  @Mixin
  CheckpointOptions checkpoints = new CheckpointOptions(DEFAULTS.checkpointEvery());

  @Option(names = "--figures-every", paramLabel = "N",
      description = "Epochs between sample grids and denoising strips; 0: none.")
  int figuresEvery = DEFAULTS.figuresEvery();

  @Option(names = "--sample-images", paramLabel = "N", description = "Images in each sample grid.")
  int sampleImages = DEFAULTS.sampleImages();

  @Option(names = "--ema", paramLabel = "DECAY",
      description = "Sample with an exponential moving average of the weights of this decay (the Keras DDPM"
          + " example uses 0.999); 0: sample with the weights themselves, as the seed does.")
  float ema = DEFAULTS.ema();

  @Option(names = "--clamp-every-step",
      description = "Clamp the images to [-1, 1] after every reverse step, as the seed does (its samples come out"
          + " as textured blobs: the clamp cuts the first steps' noise); by default only the result is clamped.")
  boolean clampEveryStep = DEFAULTS.clampEveryStep();

  @Option(names = "--fid-images", paramLabel = "N",
      description = "At the end, sample N images and report the Fréchet distance of the judge classifier's"
          + " features to N test images (MNIST and Fashion-MNIST; about 5 min per 1000 images on 2 cores);"
          + " 0: no score.")
  int fidImages = DEFAULTS.fidImages();

  @Option(names = "--image-dir", paramLabel = "DIR",
      description = "Train on the PNG/JPEG images below DIR instead of --dataset: RGB (the network gets 3"
          + " channels unless --channels says otherwise), resized to --image-size, flipped left-right at"
          + " random. The seed trained on StanfordCars at 64x64 (--preset seed004).")
  Path imageDir;

  @Mixin
  TrainLimitOptions limit = new TrainLimitOptions(DEFAULTS.trainLimit());

  @Mixin
  DataOptions data = new DataOptions();

  @Mixin
  ProgressOptions progress = new ProgressOptions();

  @Spec
  CommandSpec spec;

  /** The config keys of {@link DiffusionSettings#config()} and the options that set them. */
  static final Map<String, String> OPTIONS = Map.ofEntries(Map.entry("dataset", "--dataset"),
      Map.entry("batch_size", "--batch-size"), Map.entry("seed", "--seed"), Map.entry("train_limit", "--train-limit"),
      Map.entry("widths", "--widths"), Map.entry("channels", "--channels"), Map.entry("image_size", "--image-size"),
      Map.entry("time_embedding", "--time-embedding"), Map.entry("timesteps", "--timesteps"),
      Map.entry("beta_start", "--beta-start"), Map.entry("beta_end", "--beta-end"),
      Map.entry("clamp_every_step", "--clamp-every-step"), Map.entry("ema", "--ema"), Map.entry("lr", "--lr"));

  /**
   * The settings the command line gives, with those of the checkpoint in {@code checkpointDir}
   * put in (an option given that contradicts them is refused): what {@code --resume} and
   * {@code sample} build.
   */
  DiffusionSettings settingsFrom(Path checkpointDir) {
    Map<String, String> given = new LinkedHashMap<>();
    if (spec.commandLine().getParseResult().hasMatchedOption("--preset")) {
      for (String key : List.of("widths", "channels", "image_size", "time_embedding")) {
        given.put(key, "--preset " + model.preset);
      }
    }
    given.putAll(GivenOptions.of(spec, OPTIONS));
    return StoredSettings.apply(checkpointDir, settings(), DiffusionSettings::config, DiffusionSettings::withConfig,
        given);
  }

  public static void main(String[] args) {
    Cli.main(new DiffusionMain(), args);
  }

  DiffusionSettings settings() {
    Adam.Settings adamSettings = new Adam.Settings(adam.learningRate, DEFAULTS.adam().beta1(), DEFAULTS.adam().beta2(),
        DEFAULTS.adam().epsilon());
    UnetSettings unet = model.settings(imageDir != null ? 3 : 1);
    return new DiffusionSettings(run.dataset, run.epochs, run.batchSize, adamSettings, unet, timesteps, betaStart,
        betaEnd, ema, clampEveryStep, run.seed, checkpoints.every, figuresEvery, sampleImages, fidImages,
        limit.trainLimit, imageDir, run.output, data.dataDir);
  }

  @Override
  public Integer call() throws IOException {
    Console console = Console.standard();
    CheckpointSlots.Slot from = checkpoints.resumeSlot(run.output, console::println);
    DiffusionSettings s = from == null ? settings() : settingsFrom(from.dir());
    console.println(SettingsLog.format(s));
    Path dir = OutputDirectory.prepare(s.outputDir());
    DiffusionData data = DiffusionData.load(s, console::println);
    try (Diffusion ddpm = Diffusion.create(s, Diffusion.shapeOf(data.train()))) {
      console.println(String.format(Locale.ROOT, "Model: SimpleUnet widths %s, %dx%dx%d images, %,d trainable"
          + " parameters; %s%s", s.unet().widths(), s.unet().imageSize(), s.unet().imageSize(), s.unet().channels(),
          ddpm.model().params().trainableCount(), ddpm.model().diffusion(),
          s.averagesWeights() ? "; samples with the weights' moving average (decay " + s.ema() + ")" : ""));
      List<TrainingListener> listeners = new ArrayList<>(progress.listeners(console));
      if (s.figuresEvery() > 0) {
        listeners.add(TrainingListener.atEpochEnd(r -> {
          if (r.epoch() % s.figuresEvery() == 0 || r.epoch() == r.epochs()) {
            writeFigures(ddpm, dir, r.epoch(), console);
          }
        }));
      }
      listeners.add(HistoryCsv.in(dir));
      RunKey key = new RunKey(data.name(), data.train().count(), s.batchSize(), s.seed());
      // last, so that an epoch-end checkpoint follows the epoch's figures
      listeners.add(checkpoints.saver(ddpm.session(), dir, key, s.config(), from, console::println));
      long start = System.nanoTime();
      List<EpochResult> history = ddpm.train(data.train(), data.test(), listeners, from == null ? null : from.dir());
      MetricValues test = history.isEmpty() ? ddpm.evaluate(data.test())
          : history.get(history.size() - 1).test();
      console.println(String.format(Locale.ROOT, "Trained %d epochs in %.1f s; %s L1 noise-prediction loss %.4f"
          + " (%d images, t and noise fixed per image by the seed)", history.size(),
          (System.nanoTime() - start) / 1e9, data.dataset() != null ? "test" : "training-image", test.loss(),
          data.test().count()));
      if (s.fidImages() > 0) {
        FrechetReport.print(ddpm, data, s.fidImages(), s.seed(), console);
      }
      console.println(s.figuresEvery() > 0 ? "Pictures in " + dir.toAbsolutePath()
          : "No pictures (--figures-every 0); checkpoints and history.csv in " + dir.toAbsolutePath());
    }
    return 0;
  }

  private static void writeFigures(Diffusion ddpm, Path dir, int epoch, Console console) {
    DiffusionSettings s = ddpm.settings();
    long begin = System.nanoTime();
    Samples samples = ddpm.sample(s.sampleImages(), s.seed(), Diffusion.SNAPSHOTS);
    Path grid = DiffusionFigures.samplesFile(dir, epoch);
    try {
      DiffusionFigures.write(samples, s.unet(), grid, DiffusionFigures.stripFile(dir, epoch));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + grid, e);
    }
    console.println(String.format(Locale.ROOT, "sampled %d images through %d steps in %.1f s: %s, %s",
        s.sampleImages(), s.timesteps(), (System.nanoTime() - begin) / 1e9, grid.getFileName(),
        DiffusionFigures.stripFile(dir, epoch).getFileName()));
  }
}
