package org.genmodels.cvae;

import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.SettingsLog;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.model.Benchmark;
import org.genmodels.shared.model.Benchmarkable;
import org.genmodels.shared.model.EpochBenchmarkOptions;
import org.genmodels.shared.nn.CpuFeatures;
import picocli.CommandLine.Mixin;

/**
 * The conv CVAE's part of {@code cvae benchmark}: seconds per training epoch (937 steps of 64 at
 * the defaults; data loading and evaluation excluded), with the progress the parent's options ask for.
 */
final class CvaeBenchmark implements Benchmarkable {
  @Mixin
  EpochBenchmarkOptions epochs = new EpochBenchmarkOptions(2, 1);

  @Override
  public Benchmark open(Object command, Console console) {
    CvaeCommand parent = (CvaeCommand) command;
    CvaeSettings s = parent.settings().toBuilder().epochs(epochs.total()).checkpointEvery(0).build();
    CpuFeatures.require(s.precision());
    console.println(SettingsLog.format(s));
    ImageData data = CvaeCommand.load(s, console);
    Cvae cvae = Cvae.create(s);
    return new Benchmark() {
      @Override
      public Training train() {
        return epochs.timed(cvae.train(data, parent.progress.listeners(console)), data.train().count(),
            s.batchSize());
      }

      @Override
      public void close() {
        cvae.close();
      }
    };
  }
}
