package org.genmodels.diffusion;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.cli.AdamOptions;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.RunOptions;
import org.genmodels.shared.cli.TrainLimitOptions;
import org.genmodels.shared.model.ModelRun;
import org.genmodels.shared.model.TrainingCommand;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.train.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains seed 004's DDPM (MODELS.md §5) on MNIST or Fashion-MNIST padded to 32 × 32, writing a
 * sample grid and a denoising strip every few epochs, checkpoints, and the test L1 loss at the
 * end; subcommands sample from a checkpoint and measure speed.
 */
@Command(name = "diffusion", mixinStandardHelpOptions = true, showDefaultValues = true,
    resourceBundle = "org.genmodels.diffusion.DiffusionOptions",
    subcommands = {DiffusionSample.class, org.genmodels.shared.model.BenchmarkCommand.class},
    description = {"Train the DDPM of seed 004 (PyTorch; MODELS.md §5): a SimpleUnet predicting the noise of"
        + " the linear-beta forward process, L1 loss. Every --figures-every epochs writes"
        + " samples_epoch_<n>.png and denoising_epoch_<n>.png; checkpoints go to <output>/checkpoint; the"
        + " run ends with the test L1 loss (fixed noise per test image)."})
public final class DiffusionCommand extends TrainingCommand<DiffusionSettings> {
  private static final DiffusionSettings DEFAULTS = DiffusionSettings.defaults();

  @Mixin
  RunOptions run = new RunOptions(DEFAULTS.dataset(), DEFAULTS.epochs(), DEFAULTS.batchSize(), DEFAULTS.seed(),
      DEFAULTS.outputDir());

  @Mixin
  AdamOptions adam = new AdamOptions(DEFAULTS.adam().learningRate());

  @Option(names = "--timesteps", paramLabel = "T", description = "Diffusion steps T.")
  int timesteps = DEFAULTS.timesteps();

  @Option(names = "--beta-start", paramLabel = "B", description = "The first beta of the linear schedule.")
  double betaStart = DEFAULTS.betaStart();

  @Option(names = "--beta-end", paramLabel = "B", description = "The last beta of the linear schedule.")
  double betaEnd = DEFAULTS.betaEnd();

  @Mixin
  ModelOptions model = new ModelOptions();

  @Option(names = "--figures-every", paramLabel = "N",
      description = "Epochs between sample grids and denoising strips; 0: none.")
  int figuresEvery = DEFAULTS.figuresEvery();

  @Option(names = "--sample-images", paramLabel = "N", description = "Images in each sample grid.")
  int sampleImages = DEFAULTS.sampleImages();

  @Option(names = "--ema", paramLabel = "DECAY",
      description = "Sample with an exponential moving average of the weights of this decay (the Keras DDPM"
          + " example uses 0.999); 0: sample with the weights themselves, as the seed does.")
  float ema = DEFAULTS.ema();

  @Option(names = "--clamp-every-step",
      description = "Clamp the images to [-1, 1] after every reverse step, as the seed does (its samples come out"
          + " as textured blobs: the clamp cuts the first steps' noise); by default only the result is clamped.")
  boolean clampEveryStep = DEFAULTS.clampEveryStep();

  @Option(names = "--fid-images", paramLabel = "N",
      description = "At the end, sample N images and report the Fréchet distance of the judge classifier's"
          + " features to N test images (MNIST and Fashion-MNIST; about 5 min per 1000 images on 2 cores);"
          + " 0: no score.")
  int fidImages = DEFAULTS.fidImages();

  @Option(names = "--image-dir", paramLabel = "DIR",
      description = "Train on the PNG/JPEG images below DIR instead of --dataset: RGB (the network gets 3"
          + " channels unless --channels says otherwise), resized to --image-size, flipped left-right at"
          + " random. The seed trained on StanfordCars at 64x64 (--preset seed004).")
  Path imageDir;

  @Option(names = "--precision", paramLabel = "fp32|bf16", description = "What the convolutions and matrix products"
      + " multiply in, training and sampling: fp32, or bf16 (TensorFlow's oneDNN bfloat16 rewrite; weights and Adam"
      + " stay float32). bf16 needs a CPU with avx512_bf16 or amx_bf16 and is refused on others.")
  Precision precision = DEFAULTS.precision();

  @Mixin
  TrainLimitOptions limit = new TrainLimitOptions(DEFAULTS.trainLimit());

  /** The config keys of {@link DiffusionSettings#config()} and the options that set them. */
  static final Map<String, String> OPTIONS = Map.ofEntries(Map.entry("dataset", "--dataset"),
      Map.entry("batch_size", "--batch-size"), Map.entry("seed", "--seed"), Map.entry("train_limit", "--train-limit"),
      Map.entry("widths", "--widths"), Map.entry("channels", "--channels"), Map.entry("image_size", "--image-size"),
      Map.entry("time_embedding", "--time-embedding"), Map.entry("timesteps", "--timesteps"),
      Map.entry("beta_start", "--beta-start"), Map.entry("beta_end", "--beta-end"),
      Map.entry("clamp_every_step", "--clamp-every-step"), Map.entry("ema", "--ema"), Map.entry("lr", "--lr"),
      Map.entry("precision", "--precision"));

  /** A given {@code --preset} sets the network's keys. */
  @Override
  protected Map<String, String> givenOptions() {
    Map<String, String> given = new LinkedHashMap<>();
    if (spec.commandLine().getParseResult().hasMatchedOption("--preset")) {
      for (String key : List.of("widths", "channels", "image_size", "time_embedding")) {
        given.put(key, "--preset " + model.preset);
      }
    }
    given.putAll(super.givenOptions());
    return given;
  }

  public DiffusionCommand() {
    super(DEFAULTS.checkpointEvery(), OPTIONS);
  }

  @Override
  public DiffusionSettings settings() {
    Adam.Settings adamSettings = new Adam.Settings(adam.learningRate, DEFAULTS.adam().beta1(), DEFAULTS.adam().beta2(),
        DEFAULTS.adam().epsilon());
    UnetSettings unet = model.settings(imageDir != null ? 3 : 1);
    return DiffusionSettings.builder().dataset(run.dataset).epochs(run.epochs).batchSize(run.batchSize)
        .adam(adamSettings).unet(unet).timesteps(timesteps).betaStart(betaStart).betaEnd(betaEnd).ema(ema)
        .clampEveryStep(clampEveryStep).precision(precision).seed(run.seed).checkpointEvery(checkpoints.every)
        .figuresEvery(figuresEvery)
        .sampleImages(sampleImages).fidImages(fidImages).trainLimit(limit.trainLimit).imageDir(imageDir)
        .outputDir(run.output).dataDir(data.dataDir).build();
  }

  /** {@code --precision bf16} needs a CPU with bfloat16 instructions ({@link CpuFeatures#requireBf16}). */
  @Override
  protected void requireRunnable(DiffusionSettings s) {
    CpuFeatures.require(s.precision());
  }

  @Override
  protected ModelRun start(DiffusionSettings s, Path dir, Console console) {
    return DiffusionRun.start(s, dir, console);
  }
}
