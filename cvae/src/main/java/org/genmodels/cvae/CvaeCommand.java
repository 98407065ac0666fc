package org.genmodels.cvae;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.cli.AdamOptions;
import org.genmodels.shared.cli.CliNameConverter;
import org.genmodels.shared.cli.Console;
import org.genmodels.shared.cli.RunOptions;
import org.genmodels.shared.cli.TrainLimitOptions;
import org.genmodels.shared.data.DatasetLoader;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.model.ModelRun;
import org.genmodels.shared.model.TrainingCommand;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.nn.WeightInit;
import org.genmodels.shared.train.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains seed 002's convolutional conditional VAE (or, with {@code --unconditional}, its conv
 * VAE) on MNIST or Fashion-MNIST and draws the seed's figures; subcommands run the one- and
 * two-image experiments and the speed benchmark.
 */
@Command(name = "cvae", mixinStandardHelpOptions = true, showDefaultValues = true,
    resourceBundle = "org.genmodels.cvae.CvaeOptions",
    subcommands = {CvaeExperiment.class, org.genmodels.shared.model.BenchmarkCommand.class},
    description = {"Train the convolutional conditional VAE of seed 002 (Paddle; MODELS.md §4) and write"
        + " generated_epoch_<n>.png every epoch; at the end mean_scatter.png, std_scatter.png,"
        + " manifold_digit<d>.png (manifold.png when unconditional), noise_vs_posterior.png,"
        + " learning_curve.png and, for the conditional model, the judge's label accuracy of the"
        + " generated images."})
public final class CvaeCommand extends TrainingCommand<CvaeSettings> {
  private static final CvaeSettings DEFAULTS = CvaeSettings.defaults();

  @Mixin
  RunOptions run = new RunOptions(DEFAULTS.dataset(), DEFAULTS.epochs(), DEFAULTS.batchSize(), DEFAULTS.seed(),
      DEFAULTS.outputDir());

  @Mixin
  AdamOptions adam = new AdamOptions(DEFAULTS.adam().learningRate());

  @Option(names = "--unconditional", description = "Train the conv VAE without labels (seed 002's first model).")
  boolean unconditional;

  @Option(names = "--beta1", paramLabel = "B", description = "Adam beta1 (beta2 0.999, epsilon 1e-8).")
  float beta1 = DEFAULTS.adam().beta1();

  @Option(names = "--latent", paramLabel = "N", description = "Latent dimensions (LATENT_DIM).")
  int latent = DEFAULTS.latentSize();

  @Option(names = "--channels", paramLabel = "N", description = "Channels of the first conv (channel).")
  int channels = DEFAULTS.channels();

  @Option(names = "--init", paramLabel = "NAME", converter = Inits.class, description = "Initial weights: torch"
      + " (PyTorch's defaults, the reference the quality bars come from), paddle (the seed's Paddle defaults) or keras.")
  WeightInit init = DEFAULTS.init();

  /** {@code --init} takes the schemes of {@link CvaeSettings#INITS}. */
  static final class Inits extends CliNameConverter<WeightInit> {
    Inits() {
      super(CvaeSettings.INITS);
    }
  }

  @Option(names = "--precision", paramLabel = "fp32|bf16", description = "What the convolutions and matrix products"
      + " multiply in: fp32, or bf16 (TensorFlow's oneDNN bfloat16 rewrite; weights and Adam stay float32). bf16"
      + " needs a CPU with avx512_bf16 or amx_bf16 and is refused on others.")
  Precision precision = DEFAULTS.precision();

  @Mixin
  TrainLimitOptions limit = new TrainLimitOptions(DEFAULTS.trainLimit());

  @Option(names = "--manifold-digits", paramLabel = "D", split = ",",
      description = "Digits whose 20x20 manifold the conditional model draws.")
  List<Integer> manifoldDigits = new ArrayList<>(DEFAULTS.manifoldDigits());

  @Option(names = "--judge-images", paramLabel = "N",
      description = "Images generated per digit for the judge's label accuracy (conditional model; 0: skip).")
  int judgeImages = 100;

  /** The config keys of {@link CvaeSettings#config()} and the options that set them. */
  static final Map<String, String> OPTIONS = Map.ofEntries(Map.entry("dataset", "--dataset"),
      Map.entry("batch_size", "--batch-size"), Map.entry("seed", "--seed"), Map.entry("train_limit", "--train-limit"),
      Map.entry("conditional", "--unconditional"), Map.entry("latent", "--latent"), Map.entry("channels", "--channels"),
      Map.entry("init", "--init"), Map.entry("lr", "--lr"), Map.entry("adam_betas", "--beta1"),
      Map.entry("precision", "--precision"));

  /** Seed 002's 900 iterations between checkpoints. */
  public CvaeCommand() {
    super(DEFAULTS.checkpointEvery(), OPTIONS);
  }

  @Override
  public CvaeSettings settings() {
    return CvaeSettings.builder().dataset(run.dataset).conditional(!unconditional).epochs(run.epochs)
        .batchSize(run.batchSize)
        .adam(new Adam.Settings(adam.learningRate, beta1, DEFAULTS.adam().beta2(), DEFAULTS.adam().epsilon()))
        .latentSize(latent).channels(channels).slope(DEFAULTS.slope()).init(init).precision(precision).seed(run.seed)
        .checkpointEvery(checkpoints.every).trainLimit(limit.trainLimit).manifoldDigits(manifoldDigits)
        .outputDir(run.output).dataDir(data.dataDir).build();
  }

  /** {@code --precision bf16} needs a CPU with bfloat16 instructions ({@link CpuFeatures#requireBf16}). */
  @Override
  protected void requireRunnable(CvaeSettings s) {
    CpuFeatures.require(s.precision());
  }

  /** The data set, cut to {@code trainLimit} training images when asked. */
  static ImageData load(CvaeSettings s, Console console) {
    return limit(DatasetLoader.standard(s.dataDir(), console::println).load(s.dataset()), s);
  }

  static ImageData limit(ImageData d, CvaeSettings s) {
    return s.trainLimit() == 0 || s.trainLimit() >= d.train().count() ? d
        : new ImageData(d.name(), d.train().head(s.trainLimit()), d.test(), d.source());
  }

  @Override
  protected ModelRun start(CvaeSettings s, Path dir, Console console) {
    return CvaeRun.start(s, dir, console, judgeImages);
  }
}
