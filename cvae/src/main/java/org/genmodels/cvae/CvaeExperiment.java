package org.genmodels.cvae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.OutputDirectory;
import org.genmodels.shared.cli.SettingsLog;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.tf.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Seed 002's experiment (f): train the unconditional conv VAE on one training image (index 5, a
 * "2") or two (5 and 25), batch = all of them, then decode a 20×20 grid around their means, to
 * see how far one code's influence reaches.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Train the unconditional conv VAE on a few training images only and decode a 20x20"
        + " grid around their means into <output>/experiment_<i>_<j>/grid.png (the images trained on"
        + " in trained_on.png). Epochs, seed and data are the parent command's.",
        "The seed trains 100 epochs on image 5, then on images 5 and 25, and draws +-1000 around"
            + " the means; the default radius here keeps the grid where the decoder still draws."})
final class CvaeExperiment implements Callable<Integer> {
  @ParentCommand
  CvaeCommand parent;

  @Option(names = "--images", paramLabel = "I", split = ",", description = "Training images to train on.")
  List<Integer> images = List.of(5);

  @Option(names = "--radius", paramLabel = "R", description = "Half-width of the grid around the means.")
  double radius = 3;

  @Override
  public Integer call() throws IOException {
    Console console = Console.standard();
    String name = "experiment_" + images.stream().map(String::valueOf).collect(Collectors.joining("_"));
    CvaeSettings base = parent.settings();
    CvaeSettings s = base.toBuilder().conditional(false).batchSize(images.size()).checkpointEvery(0)
        .trainLimit(0).outputDir(base.outputDir().resolve(name)).build();
    // it trains, so it asks what training asks (CvaeCommand.requireRunnable)
    CpuFeatures.require(s.precision());
    console.println(SettingsLog.format(s));
    console.println(Engine.describe());
    Path dir = OutputDirectory.prepare(s.outputDir());
    ImageData all = CvaeCommand.load(s, console);
    int[] indices = images.stream().mapToInt(Integer::intValue).toArray();
    for (int i : indices) {
      if (i < 0 || i >= all.train().count()) {
        throw new IllegalArgumentException("--images: " + i + " is not a training image index (0.."
            + (all.train().count() - 1) + ")");
      }
    }
    ImageSet chosen = all.train().subset(indices);
    try (Cvae cvae = Cvae.create(s)) {
      cvae.train(new ImageData(all.name(), chosen, chosen, all.source()), parent.progress.listeners(console));
      CvaeFigures figures = new CvaeFigures(cvae, dir);
      float[] pixels = chosen.firstPixels(indices.length, PixelRange.SYMMETRIC);
      figures.write(pixels, 1, indices.length, dir.resolve("trained_on.png"));
      float[] means = cvae.encode(pixels, null, indices.length).mean();
      float[] r = CvaeFigures.range(means);
      figures.write(cvae.decode(CvaeFigures.grid(r[0] - radius, r[1] + radius, r[2] - radius, r[3] + radius),
          null, 400), 20, 20, dir.resolve("grid.png"));
      console.println(String.format(Locale.ROOT, "Means of images %s: %s; grid over x [%.2f, %.2f], y [%.2f, %.2f]"
          + " in %s", images, Arrays.toString(means), r[0] - radius, r[1] + radius, r[2] - radius,
          r[3] + radius, dir.resolve("grid.png").toAbsolutePath()));
    }
    return 0;
  }
}
