package org.genmodels.ae;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.SettingsLog;
import org.genmodels.shared.data.DatasetLoader;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.EpochTimings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Measures the autoencoder's speed: seconds per training epoch (all 60 000 training images at the
 * settings' batch size, data loading and evaluation excluded) and reconstructions per second over
 * the test set. Prints numbers; asserts nothing.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Print seconds per training epoch and reconstructions per second."
        + " Model and data options are the parent command's (e.g. ae --batch-size 512 benchmark).")
final class AutoencoderBenchmark implements Callable<Integer> {
  @ParentCommand
  AutoencoderMain parent;

  @Option(names = "--epochs", paramLabel = "N", description = "Timed epochs.")
  int epochs = 5;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed epochs first (graph optimisation, caches).")
  int warmup = 1;

  @Option(names = "--passes", paramLabel = "N", description = "Timed reconstruction passes over the test set.")
  int repeats = 20;

  @Override
  public Integer call() {
    Console console = Console.standard();
    AutoencoderSettings s = parent.settings().withEpochs(warmup + epochs);
    console.println(SettingsLog.format(s));
    ImageData data = DatasetLoader.standard(s.dataDir(), console::println).load(s.dataset());
    try (Autoencoder ae = Autoencoder.create(s)) {
      List<EpochResult> history = ae.train(data, List.of());
      console.println(EpochTimings.describe(history.subList(warmup, history.size()), data.train().count(),
          s.batchSize()));

      int n = data.test().count();
      float[] images = data.test().firstPixels(n, PixelRange.UNIT);
      ae.reconstruct(images, n);
      double[] rates = new double[repeats];
      for (int i = 0; i < repeats; i++) {
        long start = System.nanoTime();
        ae.reconstruct(images, n);
        rates[i] = n / ((System.nanoTime() - start) / 1e9);
      }
      Arrays.sort(rates);
      console.println(String.format(Locale.ROOT,
          "reconstruct: %,.0f images/s median, %,.0f slowest pass (%d passes over the %d test images)",
          rates[repeats / 2], rates[0], repeats, n));
    }
    return 0;
  }
}
