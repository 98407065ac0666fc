package org.genmodels.vae;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genmodels.shared.cli.AdamOptions;
import org.genmodels.shared.cli.CliNameConverter;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.RunOptions;
import org.genmodels.shared.model.ModelRun;
import org.genmodels.shared.model.TrainingCommand;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.nn.Reduction;
import org.genmodels.shared.nn.WeightInit;
import org.genmodels.shared.train.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains a dense VAE — {@code VAE.py} or one of the 2-d-latent variants of seeds 003 and 004 — and
 * draws what the seeds draw, then reports the test negative ELBO and an importance-sampled
 * estimate of the test negative log-likelihood.
 */
@Command(name = "vae", mixinStandardHelpOptions = true, showDefaultValues = true,
    resourceBundle = "org.genmodels.vae.VaeOptions",
    subcommands = org.genmodels.shared.model.BenchmarkCommand.class,
    description = {"Train the dense VAE (VAE.py, or seed 003/004 with --preset) and write"
        + " sampled_epoch_<n>.png and rec_epoch_<n>.png every epoch; at the end learning_curve.png,"
        + " latent_scatter.png, manifold.png (2-d latent), the best checkpoint in best_model/, the"
        + " test negative ELBO and the IWAE estimate of the test NLL.",
        "Options without a value given take the preset's: vae-py (VAE.py: fashion, 1000 epochs,"
            + " batch 512, 784-128-10, bce, sum, keras init), seed003 (mnist, 50 epochs, batch 128,"
            + " 784-256-2, mse, mean, truncated-normal init, 15x15 manifold), seed004 (mnist, 100"
            + " epochs, batch 128, 784-256-2, bce, sum, torch init, 20x20 manifold). All use Adam"
            + " lr 1e-3, beta 1, seed 22."})
public final class VaeCommand extends TrainingCommand<VaeSettings> {
  @Option(names = "--preset", paramLabel = "NAME", description = "vae-py, seed003 or seed004.")
  VaePreset preset = VaePreset.VAE_PY;

  /** Null defaults: the preset's values apply. */
  @Mixin
  RunOptions run = new RunOptions(null, null, null, null, null);

  @Mixin
  AdamOptions adam = new AdamOptions(null);

  @Option(names = "--adam-betas", paramLabel = "B1,B2",
      description = "Adam's beta1 and beta2 (preset: 0.9,0.999; epsilon 1e-7 as Keras).")
  String adamBetas;

  @Option(names = "--hidden", paramLabel = "N", description = "Width of the hidden layers.")
  Integer hidden;

  @Option(names = "--latent", paramLabel = "N", description = "Latent dimensions (z_dim).")
  Integer latent;

  @Option(names = "--reconstruction", paramLabel = "bce|mse",
      description = "bce: Bernoulli decoder, BCE from logits; mse: Gaussian decoder, 0.5·squared error.")
  Likelihood reconstruction;

  @Option(names = "--reduction", paramLabel = "sum|mean",
      description = "sum: loss terms summed per image, averaged over the batch; mean: averaged over"
          + " pixels / latent dimensions too.")
  Reduction reduction;

  @Option(names = "--beta", paramLabel = "W",
      description = "Weight of the KL term (preset: 1; the Keras book's -5e-4·mean(...) is"
          + " --reduction mean --beta 0.001).")
  Float beta;

  @Option(names = "--init", paramLabel = "NAME", converter = Inits.class,
      description = "keras, torch or truncated-normal.")
  WeightInit init;

  /** {@code --init} takes the schemes of {@link VaeSettings#INITS}. */
  static final class Inits extends CliNameConverter<WeightInit> {
    Inits() {
      super(VaeSettings.INITS);
    }
  }

  @Option(names = "--manifold-size", paramLabel = "N", description = "n of the n×n manifold (2-d latent).")
  Integer manifoldSize;

  @Option(names = "--iwae-samples", paramLabel = "K",
      description = "Importance samples per image of the final NLL estimate; 0 skips it (preset: 5000).")
  Integer iwaeSamples;

  @Option(names = "--iwae-images", paramLabel = "N",
      description = "Test images the NLL estimate averages over (preset: all 10000).")
  Integer iwaeImages;

  @Option(names = "--precision", paramLabel = "fp32|bf16", description = "What the layers multiply in: fp32"
      + " (default), or bf16 (bfloat16 MatMuls; weights, loss and Adam stay float32). bf16 needs a CPU with"
      + " avx512_bf16 or amx_bf16 and is refused on others.")
  Precision precision;

  /** The config keys of {@link VaeSettings#config()} and the options that set them. */
  static final Map<String, String> OPTIONS = Map.ofEntries(Map.entry("dataset", "--dataset"),
      Map.entry("batch_size", "--batch-size"), Map.entry("seed", "--seed"), Map.entry("hidden", "--hidden"),
      Map.entry("latent", "--latent"), Map.entry("reconstruction", "--reconstruction"),
      Map.entry("reduction", "--reduction"), Map.entry("beta", "--beta"), Map.entry("lr", "--lr"),
      Map.entry("adam_betas", "--adam-betas"), Map.entry("init", "--init"), Map.entry("precision", "--precision"));

  /** The options given; a given {@code --preset} sets every key it has a value for (all but the precision). */
  @Override
  protected Map<String, String> givenOptions() {
    Map<String, String> given = new LinkedHashMap<>();
    if (spec.commandLine().getParseResult().hasMatchedOption("--preset")) {
      OPTIONS.keySet().stream().filter(k -> !k.equals("precision")).forEach(k -> given.put(k, "--preset " + preset));
    }
    given.putAll(super.givenOptions());
    return given;
  }

  /** 500 steps between checkpoints: about 4 epochs at VAE.py's batch 512, one at seed 004's 128. */
  public VaeCommand() {
    super(500, OPTIONS);
  }

  /** The preset, with every option given on the command line applied over it. */
  @Override
  public VaeSettings settings() {
    VaeSettings base = preset.settings().build();
    VaeSettings.Builder b = base.toBuilder();
    if (run.dataset != null) {
      b.dataset(run.dataset);
    }
    if (run.epochs != null) {
      b.epochs(run.epochs);
    }
    if (run.batchSize != null) {
      b.batchSize(run.batchSize);
    }
    Float learningRate = adam.learningRate;
    if (learningRate != null || adamBetas != null) {
      Adam.Settings a = base.adam();
      float[] betas = adamBetas == null ? new float[] {a.beta1(), a.beta2()} : parseBetas(adamBetas);
      b.adam(new Adam.Settings(learningRate != null ? learningRate : a.learningRate(), betas[0], betas[1],
          a.epsilon()));
    }
    if (hidden != null) {
      b.hiddenSize(hidden);
    }
    if (latent != null) {
      b.latentSize(latent);
    }
    if (reconstruction != null) {
      b.likelihood(reconstruction);
    }
    if (reduction != null) {
      b.reduction(reduction);
    }
    if (beta != null) {
      b.beta(beta);
    }
    if (init != null) {
      b.init(init);
    }
    if (precision != null) {
      b.precision(precision);
    }
    if (run.seed != null) {
      b.seed(run.seed);
    }
    if (manifoldSize != null) {
      b.manifoldSize(manifoldSize);
    }
    if (iwaeSamples != null) {
      b.iwaeSamples(iwaeSamples);
    }
    if (iwaeImages != null) {
      b.iwaeImages(iwaeImages);
    }
    if (run.output != null) {
      b.outputDir(run.output);
    }
    return b.dataDir(data.dataDir).build();
  }

  private static float[] parseBetas(String text) {
    String[] parts = text.split(",");
    try {
      if (parts.length == 2) {
        return new float[] {Float.parseFloat(parts[0].trim()), Float.parseFloat(parts[1].trim())};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--adam-betas takes two numbers, e.g. 0.5,0.999; got " + text);
  }

  /** {@code --precision bf16} needs a CPU with bfloat16 instructions ({@link CpuFeatures#requireBf16}). */
  @Override
  protected void requireRunnable(VaeSettings s) {
    CpuFeatures.require(s.precision());
  }

  @Override
  protected ModelRun start(VaeSettings s, Path dir, Console console) {
    CpuFeatures.current().denseBf16Warning(s.precision()).ifPresent(console::println);
    return VaeRun.start(s, dir, console);
  }
}
