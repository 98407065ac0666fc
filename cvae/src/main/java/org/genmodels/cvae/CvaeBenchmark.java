package org.genmodels.cvae;

import java.util.List;
import java.util.concurrent.Callable;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.SettingsLog;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.train.EpochResult;
import org.genmodels.shared.train.EpochTimings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Measures the conv CVAE's speed: seconds per training epoch (937 steps of 64 at the defaults;
 * data loading and evaluation excluded). Prints numbers; asserts nothing.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Print seconds per training epoch. Model and data options are the parent"
        + " command's (e.g. cvae --unconditional benchmark).")
final class CvaeBenchmark implements Callable<Integer> {
  @ParentCommand
  CvaeMain parent;

  @Option(names = "--epochs", paramLabel = "N", description = "Timed epochs.")
  int epochs = 2;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed epochs first.")
  int warmup = 1;

  @Override
  public Integer call() {
    Console console = Console.standard();
    CvaeSettings s = parent.settings().withEpochs(warmup + epochs).withCheckpointEvery(0);
    console.println(SettingsLog.format(s));
    ImageData data = CvaeMain.load(s, console);
    try (Cvae cvae = Cvae.create(s)) {
      List<EpochResult> history = cvae.train(data, parent.progress.listeners(console));
      console.println(EpochTimings.describe(history.subList(warmup, history.size()), data.train().count(),
          s.batchSize()));
    }
    return 0;
  }
}
