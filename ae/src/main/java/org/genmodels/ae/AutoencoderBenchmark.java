package org.genmodels.ae;

import java.util.List;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.SettingsLog;
import org.genmodels.shared.data.DatasetLoader;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.model.Benchmark;
import org.genmodels.shared.model.Benchmarkable;
import org.genmodels.shared.model.EpochBenchmarkOptions;
import org.genmodels.shared.nn.CpuFeatures;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The autoencoder's part of {@code ae benchmark}: seconds per training epoch (all 60 000
 * training images at the settings' batch size, data loading and evaluation excluded) and
 * reconstructions per second over the test set.
 */
final class AutoencoderBenchmark implements Benchmarkable {
  @Mixin
  EpochBenchmarkOptions epochs = new EpochBenchmarkOptions(5, 1);

  @Option(names = "--passes", paramLabel = "N", description = "Timed reconstruction passes over the test set.")
  int passes = 20;

  @Override
  public Benchmark open(Object command, Console console) {
    AutoencoderSettings s = ((AutoencoderCommand) command).settings().toBuilder().epochs(epochs.total()).build();
    CpuFeatures.require(s.precision());
    console.println(SettingsLog.format(s));
    CpuFeatures.current().denseBf16Warning(s.precision()).ifPresent(console::println);
    ImageData data = DatasetLoader.standard(s.dataDir(), console::println).load(s.dataset());
    Autoencoder ae = Autoencoder.create(s);
    return new Benchmark() {
      @Override
      public Training train() {
        return epochs.timed(ae.train(data, List.of()), data.train().count(), s.batchSize());
      }

      @Override
      public List<Operation> operations() {
        int n = data.test().count();
        float[] images = data.test().firstPixels(n, PixelRange.UNIT);
        return List.of(new Operation("reconstruct", passes, n, "images", "the test set",
            i -> ae.reconstruct(images, n)));
      }

      @Override
      public void close() {
        ae.close();
      }
    };
  }
}
