package org.genmodels.diffusion;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.SettingsLog;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.train.EpochTimings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Measures the DDPM's speed: seconds per training step (one Adam step at the batch size, the
 * batch already in memory: no data loading), after warm-up steps, and seconds to sample images
 * through all T reverse steps. Trains on random 28 × 28 pixels: the arithmetic does not depend
 * on their values. Prints numbers; asserts nothing.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Print seconds per training step and seconds per sampling run. Network, batch size and"
        + " timesteps are the parent command's options (e.g. diffusion --batch-size 128 benchmark).")
final class DiffusionBenchmark implements Callable<Integer> {
  @ParentCommand
  DiffusionMain parent;

  @Option(names = "--steps", paramLabel = "N", description = "Timed training steps.")
  int steps = 20;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed training steps first.")
  int warmup = 5;

  @Option(names = "--images", paramLabel = "N", description = "Images per sampling run.")
  int images = 64;

  @Option(names = "--sample-runs", paramLabel = "N", description = "Timed sampling runs (after an untimed one).")
  int sampleRuns = 2;

  @Override
  public Integer call() {
    Console console = Console.standard();
    DiffusionSettings s = parent.settings();
    console.println(SettingsLog.format(s));
    int side = 28;
    int batch = s.batchSize();
    byte[] pixels = new byte[batch * side * side];
    new SplittableRandom(s.seed()).nextBytes(pixels);
    ImageSet set = new ImageSet(batch, side, side, pixels, new byte[batch]);
    int[] all = new int[batch];
    Arrays.setAll(all, i -> i);
    try (Diffusion ddpm = Diffusion.create(s, Diffusion.shapeOf(set))) {
      for (int i = 0; i < warmup; i++) {
        ddpm.trainStep(set, all);
      }
      double[] stepSeconds = new double[steps];
      for (int i = 0; i < steps; i++) {
        long begin = System.nanoTime();
        ddpm.trainStep(set, all);
        stepSeconds[i] = (System.nanoTime() - begin) / 1e9;
      }
      console.println(String.format(Locale.ROOT, "train: %s s/step (batch %d, %,d parameters)",
          EpochTimings.summary(stepSeconds), batch, ddpm.model().params().trainableCount()));
      ddpm.sample(images, -1, 1);
      double[] sampleSeconds = new double[sampleRuns];
      for (int i = 0; i < sampleRuns; i++) {
        long begin = System.nanoTime();
        ddpm.sample(images, i, 1);
        sampleSeconds[i] = (System.nanoTime() - begin) / 1e9;
      }
      console.println(String.format(Locale.ROOT, "sample: %s s per %d images through %d steps",
          EpochTimings.summary(sampleSeconds), images, s.timesteps()));
    }
    return 0;
  }
}
