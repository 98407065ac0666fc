package org.genmodels.vae;

import java.util.List;
import java.util.concurrent.Callable;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.SettingsLog;
import org.genmodels.shared.data.DatasetLoader;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.EpochTimings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Measures the VAE's speed: seconds per training epoch (all 60 000 training images at the
 * settings' batch size; data loading and evaluation excluded). Prints numbers; asserts nothing.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Print seconds per training epoch. Model and data options are the parent"
        + " command's (e.g. vae --batch-size 512 benchmark).")
final class VaeBenchmark implements Callable<Integer> {
  @ParentCommand
  VaeMain parent;

  @Option(names = "--epochs", paramLabel = "N", description = "Timed epochs.")
  int epochs = 5;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed epochs first.")
  int warmup = 1;

  @Override
  public Integer call() {
    Console console = Console.standard();
    VaeSettings s = parent.settings().toBuilder().epochs(warmup + epochs).build();
    console.println(SettingsLog.format(s));
    ImageData data = DatasetLoader.standard(s.dataDir(), console::println).load(s.dataset());
    try (Vae vae = Vae.create(s)) {
      List<EpochResult> history = vae.train(data, List.of());
      console.println(EpochTimings.describe(history.subList(warmup, history.size()), data.train().count(),
          s.batchSize()));
    }
    return 0;
  }
}
