package org.genmodels.diffusion;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.OutputDirectory;
import org.genmodels.shared.cli.SettingsLog;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.tf.Engine;
import org.genmodels.shared.train.CheckpointSaver;
import org.genmodels.shared.train.CheckpointSlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Samples from a trained DDPM: restores a checkpoint into the network the parent's options
 * describe and writes {@code sample_seed<s>.png} (a grid) and {@code denoising_seed<s>.png} (the
 * strip) into the output directory, then reports the Fréchet score of {@code --fid-images}
 * samples. The same seed gives the same pixels.
 */
@Command(name = "sample", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Draw images from a checkpoint and score them. The network, the schedule and the weight"
        + " average are read from the checkpoint (a parent option that contradicts them is refused); --output"
        + " is the parent command's; the parent's --fid-images sets the Fréchet score, 0 skips it"
        + " (e.g. diffusion --output outputs/diffusion sample --images 64 --seed 1).")
final class DiffusionSample implements Callable<Integer> {
  @ParentCommand
  DiffusionCommand parent;

  @Option(names = "--checkpoint", paramLabel = "DIR",
      description = "The checkpoint directory (default: <output>/checkpoint).")
  Path checkpoint;

  @Option(names = "--images", paramLabel = "N", description = "Images to draw.")
  int images = 64;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the noise: the same seed draws the same images.")
  long seed = 0;

  // the sample's own option, not the checkpoint's: the weights are float32 whatever the run trained in, so a
  // bf16 run samples in fp32 on any CPU, and an fp32 run in bf16 where the CPU has the instructions
  @Option(names = "--precision", paramLabel = "fp32|bf16", description = "What sampling multiplies in: fp32, or bf16"
      + " (TensorFlow's oneDNN bfloat16 rewrite), whatever the run trained in. bf16 needs a CPU with avx512_bf16 or"
      + " amx_bf16.")
  Precision precision = Precision.FP32;

  @Override
  public Integer call() throws IOException {
    if (images < 1) {
      throw new IllegalArgumentException("--images must be at least 1, got " + images);
    }
    CpuFeatures.require(precision);
    Console console = Console.standard();
    Path from = checkpoint != null ? checkpoint : newestCheckpoint(console);
    DiffusionSettings s = parent.storedSettings(from).toBuilder().precision(precision).build();
    console.println(SettingsLog.format(s.unet()) + "; " + s.diffusion()
        + (s.averagesWeights() ? "; the weights' moving average (decay " + s.ema() + ")" : "")
        + (precision == Precision.BF16 ? "; bf16 (TensorFlow's rewrite)" : ""));
    console.println(Engine.describe());
    Path dir = OutputDirectory.prepare(s.outputDir());
    try (Diffusion ddpm = Diffusion.create(s)) {
      ddpm.restore(from);
      long begin = System.nanoTime();
      // the T steps are one session run: there is no progress to show until it ends
      console.status(String.format(Locale.ROOT, "sampling %d images through %d steps…", images, s.timesteps()));
      Samples samples = ddpm.sample(images, seed, Diffusion.SNAPSHOTS);
      console.clearStatus();
      Path grid = dir.resolve("sample_seed" + seed + ".png");
      Path strip = dir.resolve("denoising_seed" + seed + ".png");
      DiffusionFigures.write(samples, s.unet(), grid, strip);
      console.println(String.format(Locale.ROOT, "Sampled %d images through %d steps in %.1f s from %s: %s, %s",
          images, s.timesteps(), (System.nanoTime() - begin) / 1e9, from, grid, strip));
      if (s.fidImages() > 0 && s.imageDir() == null) {
        FrechetReport.print(ddpm, DiffusionData.load(s, console::println), s.fidImages(), seed, console);
      }
    }
    return 0;
  }

  /** The newest readable checkpoint of the run in the parent's {@code --output}. */
  private Path newestCheckpoint(Console console) {
    Path newest = CheckpointSaver.directory(parent.run.output);
    return CheckpointSlots.newestReadable(newest, console::println).orElseThrow(() -> new UserException(
        "no checkpoint in " + newest.toAbsolutePath() + ": give the --output of a training run before 'sample',"
            + " or --checkpoint DIR")).dir();
  }
}
