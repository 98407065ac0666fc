package org.genmodels.ae;

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
import org.genmodels.shared.data.DatasetLoader;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.image.FigureFiles;
import org.genmodels.shared.image.ImageGrid;
import org.genmodels.shared.train.CheckpointSlots;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.HistoryCsv;
import org.genmodels.shared.train.RunKey;
import org.genmodels.shared.train.StoredSettings;
import org.genmodels.shared.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Trains the dense autoencoder of {@code AE.py} and writes, after every epoch,
 * {@code rec_epoch_<n>.png}: the first 100 test images beside their reconstructions, and a line of
 * {@code history.csv}; keeps checkpoints in {@code <output>/checkpoint} that {@code --resume}
 * continues from.
 */
@Command(name = "ae", mixinStandardHelpOptions = true, showDefaultValues = true,
    resourceBundle = "org.genmodels.ae.AutoencoderOptions",
    subcommands = AutoencoderBenchmark.class,
    description = "Train the dense autoencoder (AE.py: 784-256-128-20, BCE, Adam) and write"
        + " rec_epoch_<n>.png (originals | reconstructions) after every epoch.")
public final class AutoencoderMain implements Callable<Integer> {
  private static final AutoencoderSettings DEFAULTS = AutoencoderSettings.defaults();

  @Mixin
  RunOptions run = new RunOptions(DEFAULTS.dataset(), DEFAULTS.epochs(), DEFAULTS.batchSize(), DEFAULTS.seed(),
      DEFAULTS.outputDir());

  @Mixin
  AdamOptions adam = new AdamOptions(DEFAULTS.learningRate());

  @Option(names = "--code-size", paramLabel = "N", description = "Width of the code (h_dim).")
  int codeSize = DEFAULTS.codeSize();

  @Option(names = "--hidden", paramLabel = "N", split = ",",
      description = "Widths of the encoder's hidden layers; the decoder mirrors them.")
  List<Integer> hidden = new ArrayList<>(DEFAULTS.hiddenSizes());

  /** 500 steps: about 4 epochs at batch 512. */
  @Mixin
  CheckpointOptions checkpoints = new CheckpointOptions(500);

  @Mixin
  DataOptions data = new DataOptions();

  @Spec
  CommandSpec spec;

  /** The config keys of {@link AutoencoderSettings#config()} and the options that set them. */
  static final Map<String, String> OPTIONS = Map.of("dataset", "--dataset", "batch_size", "--batch-size", "seed",
      "--seed", "hidden", "--hidden", "code_size", "--code-size", "lr", "--lr");

  @Mixin
  ProgressOptions progress = new ProgressOptions();

  public static void main(String[] args) {
    Cli.main(new AutoencoderMain(), args);
  }

  AutoencoderSettings settings() {
    return new AutoencoderSettings(run.dataset, run.epochs, run.batchSize, adam.learningRate, hidden, codeSize,
        run.seed, run.output, data.dataDir);
  }

  @Override
  public Integer call() {
    Console console = Console.standard();
    CheckpointSlots.Slot from = checkpoints.resumeSlot(run.output, console::println);
    AutoencoderSettings s = from == null ? settings() : StoredSettings.apply(from.dir(), settings(),
        AutoencoderSettings::config, AutoencoderSettings::withConfig, GivenOptions.of(spec, OPTIONS));
    console.println(SettingsLog.format(s));
    OutputDirectory.prepare(s.outputDir());
    ImageData imageData = DatasetLoader.standard(s.dataDir(), console::println).load(s.dataset());
    try (Autoencoder ae = Autoencoder.create(s)) {
      console.println(String.format(Locale.ROOT, "Model: %s-%s-%d, %,d trainable parameters",
          AutoencoderModel.INPUT_SIZE, s.hiddenSizes(), s.codeSize(),
          ae.model().params().trainableCount()));
      List<TrainingListener> listeners = new ArrayList<>(progress.listeners(console));
      listeners.add(TrainingListener.atEpochEnd(r -> writeReconstructions(ae, imageData, s, r.epoch())));
      listeners.add(HistoryCsv.in(s.outputDir()));
      RunKey key = new RunKey(imageData.name().cliName(), imageData.train().count(), s.batchSize(), s.seed());
      // last, so that an epoch-end checkpoint follows the epoch's pictures
      listeners.add(checkpoints.saver(ae.session(), s.outputDir(), key, s.config(), from, console::println));
      long start = System.nanoTime();
      List<EpochResult> history = ae.train(imageData, listeners, from == null ? null : from.dir());
      if (history.isEmpty()) {
        console.println(String.format(Locale.ROOT, "Done: test BCE %.4f", ae.evaluate(imageData.test())));
        return 0;
      }
      EpochResult last = history.get(history.size() - 1);
      EpochResult best = history.stream().min((a, b) -> Double.compare(a.test().loss(), b.test().loss()))
          .orElseThrow();
      console.println(String.format(Locale.ROOT,
          "Done: %d epochs of %s in %.1f s; test BCE %.4f (best %.4f after epoch %d); pictures in %s",
          history.size(), s.dataset().displayName(), (System.nanoTime() - start) / 1e9,
          last.test().loss(), best.test().loss(), best.epoch(), s.outputDir().toAbsolutePath()));
    }
    return 0;
  }

  /** The seed's evaluation: the first test batch, reconstructed; its first 100 images drawn. */
  static void writeReconstructions(Autoencoder ae, ImageData data, AutoencoderSettings s, int epoch) {
    int n = 100;
    float[] originals = data.test().firstPixels(n, PixelRange.UNIT);
    float[] reconstructions = ae.reconstruct(originals, n);
    Path file = FigureFiles.perEpoch(s.outputDir(), "rec", epoch);
    try {
      ImageGrid.writeComparison(file, originals, reconstructions, n, 28, 28);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
