package org.genmodels.diffusion;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.SettingsLog;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.model.Benchmark;
import org.genmodels.shared.model.Benchmarkable;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.train.Timings;
import picocli.CommandLine.Option;

/**
 * The DDPM's part of {@code diffusion benchmark}: seconds per training step (one Adam step at the
 * batch size, the batch already in memory: no data loading), after warm-up steps, and seconds to
 * sample images through all T reverse steps. Trains on random 28 × 28 pixels: the arithmetic does
 * not depend on their values.
 */
final class DiffusionBenchmark implements Benchmarkable {
  private static final int SIDE = 28;

  @Option(names = "--steps", paramLabel = "N", description = "Timed training steps.")
  int steps = 20;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed training steps first.")
  int warmup = 5;

  @Option(names = "--images", paramLabel = "N", description = "Images per sampling run.")
  int images = 64;

  @Option(names = "--sample-runs", paramLabel = "N",
      description = "Timed sampling runs (after an untimed one; 0: none).")
  int sampleRuns = 2;

  @Override
  public Benchmark open(Object command, Console console) {
    DiffusionSettings s = ((DiffusionCommand) command).settings();
    CpuFeatures.require(s.precision());
    console.println(SettingsLog.format(s));
    int batch = s.batchSize();
    byte[] pixels = new byte[batch * SIDE * SIDE];
    new SplittableRandom(s.seed()).nextBytes(pixels);
    ImageSet set = new ImageSet(batch, SIDE, SIDE, pixels, new byte[batch]);
    int[] all = new int[batch];
    Arrays.setAll(all, i -> i);
    Diffusion ddpm = Diffusion.create(s, Diffusion.shapeOf(set));
    return new Benchmark() {
      @Override
      public Training train() {
        for (int i = 0; i < warmup; i++) {
          ddpm.trainStep(set, all);
        }
        return new Training("step", Timings.each(steps, i -> ddpm.trainStep(set, all)),
            String.format(Locale.ROOT, "batch %d, %,d parameters", batch, ddpm.model().params().trainableCount()));
      }

      @Override
      public List<Operation> operations() {
        return List.of(new Operation("sample", sampleRuns, images, "images",
            "through " + s.timesteps() + " steps", i -> ddpm.sample(images, i, 1)));
      }

      @Override
      public void close() {
        ddpm.close();
      }
    };
  }
}
