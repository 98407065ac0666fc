package org.genmodels.cvae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.genmodels.shared.data.DatasetLoader;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.image.FigureFiles;
import org.genmodels.shared.judge.Judge;
import org.genmodels.shared.judge.LabelAccuracy;
import org.genmodels.shared.nn.WeightInit;
import org.genmodels.shared.train.Adam;
import org.genmodels.shared.train.CheckpointSlots;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.HistoryCsv;
import org.genmodels.shared.train.RunKey;
import org.genmodels.shared.train.MetricValues;
import org.genmodels.shared.train.StoredSettings;
import org.genmodels.shared.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains seed 002's convolutional conditional VAE (or, with {@code --unconditional}, its conv
 * VAE) on MNIST or Fashion-MNIST and draws the seed's figures; subcommands run the one- and
 * two-image experiments and the speed benchmark.
 */
@Command(name = "cvae", mixinStandardHelpOptions = true, showDefaultValues = true,
    resourceBundle = "org.genmodels.cvae.CvaeOptions",
    subcommands = {CvaeExperiment.class, CvaeBenchmark.class},
    description = {"Train the convolutional conditional VAE of seed 002 (Paddle; MODELS.md §4) and write"
        + " generated_epoch_<n>.png every epoch; at the end mean_scatter.png, std_scatter.png,"
        + " manifold_digit<d>.png (manifold.png when unconditional), noise_vs_posterior.png,"
        + " learning_curve.png and, for the conditional model, the judge's label accuracy of the"
        + " generated images."})
public final class CvaeMain implements Callable<Integer> {
  private static final CvaeSettings DEFAULTS = CvaeSettings.defaults();

  @Mixin
  RunOptions run = new RunOptions(DEFAULTS.dataset(), DEFAULTS.epochs(), DEFAULTS.batchSize(), DEFAULTS.seed(),
      DEFAULTS.outputDir());

  @Mixin
  AdamOptions adam = new AdamOptions(DEFAULTS.adam().learningRate());

  @Option(names = "--unconditional", description = "Train the conv VAE without labels (seed 002's first model).")
  boolean unconditional;

  @Option(names = "--beta1", paramLabel = "B", description = "Adam beta1 (beta2 0.999, epsilon 1e-8).")
  float beta1 = DEFAULTS.adam().beta1();

  @Option(names = "--latent", paramLabel = "N", description = "Latent dimensions (LATENT_DIM).")
  int latent = DEFAULTS.latentSize();

  @Option(names = "--channels", paramLabel = "N", description = "Channels of the first conv (channel).")
  int channels = DEFAULTS.channels();

  @Option(names = "--init", paramLabel = "NAME", description = "Initial weights: torch (PyTorch's defaults,"
      + " the reference the quality bars come from), paddle (the seed's Paddle defaults) or keras.")
  String init = DEFAULTS.init().cliName();

  /** Seed 002's 900 iterations. */
  @Mixin
  CheckpointOptions checkpoints = new CheckpointOptions(DEFAULTS.checkpointEvery());

  @Mixin
  TrainLimitOptions limit = new TrainLimitOptions(DEFAULTS.trainLimit());

  @Option(names = "--manifold-digits", paramLabel = "D", split = ",",
      description = "Digits whose 20x20 manifold the conditional model draws.")
  List<Integer> manifoldDigits = new ArrayList<>(DEFAULTS.manifoldDigits());

  @Option(names = "--judge-images", paramLabel = "N",
      description = "Images generated per digit for the judge's label accuracy (conditional model; 0: skip).")
  int judgeImages = 100;

  @Mixin
  DataOptions data = new DataOptions();

  @Mixin
  ProgressOptions progress = new ProgressOptions();

  @Spec
  CommandSpec spec;

  /** The config keys of {@link CvaeSettings#config()} and the options that set them. */
  static final Map<String, String> OPTIONS = Map.ofEntries(Map.entry("dataset", "--dataset"),
      Map.entry("batch_size", "--batch-size"), Map.entry("seed", "--seed"), Map.entry("train_limit", "--train-limit"),
      Map.entry("conditional", "--unconditional"), Map.entry("latent", "--latent"), Map.entry("channels", "--channels"),
      Map.entry("init", "--init"), Map.entry("lr", "--lr"), Map.entry("adam_betas", "--beta1"));

  public static void main(String[] args) {
    Cli.main(new CvaeMain(), args);
  }

  CvaeSettings settings() {
    return new CvaeSettings(run.dataset, !unconditional, run.epochs, run.batchSize,
        new Adam.Settings(adam.learningRate, beta1, DEFAULTS.adam().beta2(), DEFAULTS.adam().epsilon()), latent,
        channels, DEFAULTS.slope(), WeightInit.fromCliName(init, CvaeSettings.INITS), run.seed, checkpoints.every,
        limit.trainLimit, manifoldDigits, run.output, data.dataDir);
  }

  /** The data set, cut to {@code trainLimit} training images when asked. */
  static ImageData load(CvaeSettings s, Console console) {
    return limit(DatasetLoader.standard(s.dataDir(), console::println).load(s.dataset()), s);
  }

  private static ImageData limit(ImageData d, CvaeSettings s) {
    return s.trainLimit() == 0 || s.trainLimit() >= d.train().count() ? d
        : new ImageData(d.name(), d.train().head(s.trainLimit()), d.test(), d.source());
  }

  @Override
  public Integer call() throws IOException {
    Console console = Console.standard();
    CheckpointSlots.Slot from = checkpoints.resumeSlot(run.output, console::println);
    CvaeSettings s = from == null ? settings() : StoredSettings.apply(from.dir(), settings(), CvaeSettings::config,
        CvaeSettings::withConfig, GivenOptions.of(spec, OPTIONS));
    console.println(SettingsLog.format(s));
    Path dir = OutputDirectory.prepare(s.outputDir());
    ImageData full = DatasetLoader.standard(s.dataDir(), console::println).load(s.dataset());
    ImageData imageData = limit(full, s);
    try (Cvae cvae = Cvae.create(s)) {
      console.println(String.format(Locale.ROOT, "Model: %s, latent %d, %,d trainable parameters",
          s.conditional() ? "conditional conv VAE" : "conv VAE", s.latentSize(),
          cvae.model().params().trainableCount()));
      CvaeFigures figures = new CvaeFigures(cvae, dir);
      List<TrainingListener> listeners = new ArrayList<>(progress.listeners(console));
      listeners.add(TrainingListener.atEpochEnd(r -> {
        Path file = FigureFiles.perEpoch(dir, "generated", r.epoch());
        try {
          figures.generation(file);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + file, e);
        }
      }));
      listeners.add(HistoryCsv.in(dir));
      RunKey key = new RunKey(imageData.name().cliName(), imageData.train().count(), s.batchSize(), s.seed());
      // last, so that an epoch-end checkpoint follows the epoch's figure
      listeners.add(checkpoints.saver(cvae.session(), dir, key, s.config(), from, console::println));
      long start = System.nanoTime();
      List<EpochResult> history = cvae.train(imageData, listeners, from == null ? null : from.dir());
      MetricValues test = history.isEmpty() ? cvae.evaluate(imageData.test())
          : history.get(history.size() - 1).test();
      console.println(String.format(Locale.ROOT, "Trained %d epochs in %.1f s; test loss %.2f per image"
          + " (squared error %.2f + KL %.2f)", history.size(), (System.nanoTime() - start) / 1e9,
          test.loss(), test.get("rec"), test.get("kl")));
      if (!history.isEmpty()) {
        // a resumed run draws the epochs it trained
        figures.learningCurve(history);
      }
      figures.latent(imageData.train(), s.dataset());
      figures.noiseVersusPosterior(imageData.train());
      if (s.conditional() && judgeImages > 0) {
        reportLabelAccuracy(cvae, full, console);
      }
      console.println("Pictures in " + dir.toAbsolutePath());
    }
    return 0;
  }

  /** Generates {@code judgeImages} images per digit and reports how many the judge reads as meant. */
  private void reportLabelAccuracy(Cvae cvae, ImageData full, Console console) {
    try (Judge judge = Judge.loadOrTrain(full, Judge.defaultCacheDir(), console::println)) {
      LabelAccuracy accuracy = CvaeJudging.labelAccuracy(cvae, judge, judgeImages);
      console.println(String.format(Locale.ROOT, "Label accuracy of %d generated images per digit (judge: %.2f %%"
          + " on the test set): %s", judgeImages, 100 * judge.testAccuracy(), accuracy.describe()));
    }
  }
}
