package org.genmodels.vae;

import java.util.List;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.SettingsLog;
import org.genmodels.shared.data.DatasetLoader;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.model.Benchmark;
import org.genmodels.shared.model.Benchmarkable;
import org.genmodels.shared.model.EpochBenchmarkOptions;
import org.genmodels.shared.nn.CpuFeatures;
import picocli.CommandLine.Mixin;

/**
 * The VAE's part of {@code vae benchmark}: seconds per training epoch (all 60 000 training
 * images at the settings' batch size; data loading and evaluation excluded).
 */
final class VaeBenchmark implements Benchmarkable {
  @Mixin
  EpochBenchmarkOptions epochs = new EpochBenchmarkOptions(5, 1);

  @Override
  public Benchmark open(Object command, Console console) {
    VaeSettings s = ((VaeCommand) command).settings().toBuilder().epochs(epochs.total()).build();
    CpuFeatures.require(s.precision());
    console.println(SettingsLog.format(s));
    CpuFeatures.current().denseBf16Warning(s.precision()).ifPresent(console::println);
    ImageData data = DatasetLoader.standard(s.dataDir(), console::println).load(s.dataset());
    Vae vae = Vae.create(s);
    return new Benchmark() {
      @Override
      public Training train() {
        return epochs.timed(vae.train(data, List.of()), data.train().count(), s.batchSize());
      }

      @Override
      public void close() {
        vae.close();
      }
    };
  }
}
