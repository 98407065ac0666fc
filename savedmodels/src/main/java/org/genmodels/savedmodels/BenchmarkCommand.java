package org.genmodels.savedmodels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.genmodels.ae.AutoencoderServing;
import org.genmodels.ae.AutoencoderSettings;
import org.genmodels.cvae.CvaeServing;
import org.genmodels.cvae.CvaeSettings;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.io.AtomicFiles;
import org.genmodels.shared.model.ModelPlugins;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.tf.Engine;
import org.genmodels.shared.train.Timings;
import org.genmodels.vae.VaeServing;
import org.genmodels.vae.VaeSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times {@code decode} through the embedding API, as an application would call it: the latency of
 * one image per call (p50 and p99 over many calls) and the throughput at a larger batch. Without
 * {@code --model} it exports each model kind with its default sizes (untrained: the weights do not
 * change the time) and loads the export, as an application would.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = "Time decode through the embedding API: single-image latency (p50, p99) and images per second"
        + " at a batch size.")
final class BenchmarkCommand implements Callable<Integer> {
  @Option(names = "--model", paramLabel = "DIR", showDefaultValue = CommandLine.Help.Visibility.NEVER,
      description = "An export or checkpoint to time (default: an export of each model kind with default sizes).")
  List<Path> models = new ArrayList<>();

  @Option(names = "--calls", paramLabel = "N", description = "Timed single-image calls.")
  int calls = 10_000;

  @Option(names = "--batch", paramLabel = "N", description = "Images per call for the throughput.")
  int batch = 256;

  @Option(names = "--batch-calls", paramLabel = "N", description = "Timed calls at that batch.")
  int batchCalls = 100;

  @Option(names = "--warmup", paramLabel = "N", description = "Untimed calls before each measurement.")
  int warmup = 200;

  /** The decode of one model, on rows of latents. */
  private record Target(String name, int latent, UnaryOperator<float[][]> decode, Runnable closer)
      implements AutoCloseable {
    @Override
    public void close() {
      closer.run();
    }
  }

  @Override
  public Integer call() throws Exception {
    // a latency means little without the CPU and whether oneDNN is on (it doubles the AE's p50 on AVX2)
    System.out.println(Engine.describe());
    System.out.printf(Locale.ROOT, "decode through the embedding API, %d calls of 1 image, %d calls of %d;"
        + " %d processors%n", calls, batchCalls, batch, Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "%-34s %10s %10s %10s %14s%n", "model", "p50 ms", "p99 ms", "mean ms",
        "images/s @" + batch);
    Path tmp = Files.createTempDirectory("genmodels-benchmark");
    try {
      List<Path> dirs = models.isEmpty() ? defaultExports(tmp) : models;
      for (Path dir : dirs) {
        try (Target t = open(dir)) {
          measure(t);
        }
      }
    } finally {
      AtomicFiles.deleteRecursively(tmp);
    }
    return 0;
  }

  private void measure(Target t) {
    Random random = new Random(1);
    float[][] one = latents(random, 1, t.latent());
    float[][] many = latents(random, batch, t.latent());
    for (int i = 0; i < warmup; i++) {
      t.decode().apply(one);
    }
    double[] seconds = Timings.each(calls, i -> t.decode().apply(one));
    Arrays.sort(seconds);
    double mean = Arrays.stream(seconds).average().orElse(0) * 1e3;
    for (int i = 0; i < Math.max(1, warmup / 20); i++) {
      t.decode().apply(many);
    }
    long start = System.nanoTime();
    for (int i = 0; i < batchCalls; i++) {
      t.decode().apply(many);
    }
    double batchSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%-34s %10.3f %10.3f %10.3f %14.0f%n", t.name(), percentile(seconds, 0.50) * 1e3,
        percentile(seconds, 0.99) * 1e3, mean, batch * (double) batchCalls / batchSeconds);
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static float[][] latents(Random random, int n, int size) {
    float[][] z = new float[n][size];
    for (float[] row : z) {
      for (int j = 0; j < size; j++) {
        row[j] = (float) random.nextGaussian();
      }
    }
    return z;
  }

  /** Exports of each kind with default sizes and initial weights. */
  private static List<Path> defaultExports(Path tmp) throws IOException {
    List<ServingModel> kinds = List.of(AutoencoderServing.of(AutoencoderSettings.defaults()),
        VaeServing.of(VaeSettings.defaults()), new CvaeServing(CvaeSettings.defaults()),
        new CvaeServing(CvaeSettings.builder().conditional(false).build()));
    List<Path> dirs = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      Path dir = tmp.resolve("model" + i);
      try (ServingSession s = ServingSession.build(kinds.get(i), null)) {
        s.export(dir);
      }
      dirs.add(dir);
    }
    return dirs;
  }

  private static Target open(Path dir) {
    return switch (ModelPlugins.detect(dir, CheckpointReader.open(dir)).name()) {
      case "ae" -> {
        EmbeddedAutoencoder ae = EmbeddedAutoencoder.load(dir);
        yield new Target("ae (code " + ae.codeSize() + ")", ae.codeSize(), ae::decode, ae::close);
      }
      case "vae" -> {
        EmbeddedVae vae = EmbeddedVae.load(dir);
        yield new Target("vae (latent " + vae.latentSize() + ")", vae.latentSize(), vae::decode, vae::close);
      }
      case "cvae" -> {
        EmbeddedCvae cvae = EmbeddedCvae.load(dir);
        yield new Target((cvae.isConditional() ? "cvae conditional" : "cvae unconditional") + " (latent "
            + cvae.latentSize() + ")", cvae.latentSize(), z -> cvae.decode(z, labels(z.length)), cvae::close);
      }
      case "diffusion" -> throw new UserException(dir + " holds a DDPM, which has no decode to time: its sampling"
          + " speed is measured by the diffusion module's benchmark command");
      default -> throw new UserException(dir + " holds a model with no decode to time");
    };
  }

  private static int[] labels(int n) {
    int[] l = new int[n];
    for (int i = 0; i < n; i++) {
      l[i] = i % CvaeSettings.CLASSES;
    }
    return l;
  }
}
