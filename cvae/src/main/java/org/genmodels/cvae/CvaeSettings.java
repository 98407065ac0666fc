package org.genmodels.cvae;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.model.RunSettingsBuilder;
import org.genmodels.shared.model.TrainingSettings;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.nn.WeightInit;
import org.genmodels.shared.train.Adam;
import org.genmodels.shared.train.ModelConfig;

/**
 * Everything a run of the convolutional (conditional) VAE depends on. The defaults are seed 002's
 * (MODELS.md §4): MNIST, a 2-d latent, 32 base channels, LeakyReLU 0.01, Adam 1e-4 with beta1 0.5,
 * batch 64 with the last partial batch dropped, 100 epochs, a checkpoint every 900 iterations,
 * and the conditional model.
 *
 * @param dataset         the data set to train on
 * @param conditional     whether the label conditions encoder and decoder (the CVAE) or not
 * @param epochs          epochs to train
 * @param batchSize       examples per step; the last partial batch is dropped, as the seed does
 * @param adam            the optimizer's settings
 * @param latentSize      latent dimensions ({@code LATENT_DIM})
 * @param channels        channels of the first conv ({@code channel}); the second has twice as many
 * @param slope           the LeakyReLU slope
 * @param init            how weights start
 * @param precision       what the convolutions and matrix products multiply in: float32 (the default),
 *                        or bfloat16 through TensorFlow's rewrite with float32 weights and Adam
 *                        ({@link org.genmodels.shared.tf.Bf16Rewrite})
 * @param seed            seeds weights, shuffling and noise: equal seeds, equal runs
 * @param checkpointEvery iterations between checkpoints (0: only at the end)
 * @param trainLimit      train on the first {@code trainLimit} training images only (0: all)
 * @param manifoldDigits  the digits whose 20×20 manifold the conditional model draws
 * @param outputDir       where pictures and checkpoints go
 * @param dataDir         where to look for the data first, or null
 */
public record CvaeSettings(DatasetName dataset, boolean conditional, int epochs, int batchSize,
                           Adam.Settings adam, int latentSize, int channels, float slope, WeightInit init,
                           Precision precision, long seed, int checkpointEvery, int trainLimit,
                           List<Integer> manifoldDigits, Path outputDir, Path dataDir)
    implements TrainingSettings<CvaeSettings> {
  /** Classes of MNIST and Fashion-MNIST: the width of the one-hot label. */
  public static final int CLASSES = 10;

  public CvaeSettings {
    manifoldDigits = List.copyOf(manifoldDigits);
    Objects.requireNonNull(precision, "precision");
    require(epochs >= 1, "epochs must be at least 1, got " + epochs);
    require(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
    require(latentSize >= 2, "the latent needs at least two dimensions (the figures plot two), got " + latentSize);
    require(channels >= 1, "channels must be at least 1, got " + channels);
    require(slope >= 0 && slope < 1, "the LeakyReLU slope must lie in [0, 1), got " + slope);
    require(checkpointEvery >= 0, "checkpoint interval must be >= 0, got " + checkpointEvery);
    require(trainLimit >= 0, "train limit must be >= 0 (0: all images), got " + trainLimit);
    for (int d : manifoldDigits) {
      require(d >= 0 && d < CLASSES, "manifold digits must lie in 0..9, got " + d);
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The model's name in checkpoints and on the command line. */
  public static final String MODEL = "cvae";

  /** The weight initializations the command line offers. */
  public static final List<WeightInit> INITS = List.of(WeightInit.TORCH, WeightInit.PADDLE, WeightInit.KERAS);

  /**
   * What the run depends on ({@link ModelConfig}): {@code dataset}, {@code batch_size},
   * {@code seed}, {@code train_limit}, {@code conditional}, {@code latent}, {@code channels},
   * {@code slope}, {@code init}, {@code lr}, {@code adam_betas}, {@code adam_epsilon}, and
   * {@code precision} when it is not fp32 (so that fp32 runs keep the files they had before it existed).
   */
  public ModelConfig config() {
    return ModelConfig.of(MODEL).put("dataset", dataset.cliName()).put("batch_size", batchSize).put("seed", seed)
        .put("train_limit", trainLimit).put("conditional", conditional).put("latent", latentSize)
        .put("channels", channels).put("slope", slope).put("init", init.cliName()).putAdam(adam)
        .putPrecision(precision).build();
  }

  /** These settings with every value {@code c} holds in place of this one's. */
  public CvaeSettings withConfig(ModelConfig c) {
    c.requireModel(MODEL);
    WeightInit i = c.find("init").isPresent()
        ? WeightInit.fromCliName(c.getChoice("init", INITS.stream().map(WeightInit::cliName).toList()), INITS) : init;
    return toBuilder().dataset(c.getDataset(dataset)).conditional(c.getBoolean("conditional", conditional))
        .batchSize(c.getInt("batch_size", batchSize)).adam(c.getAdam(adam)).latentSize(c.getInt("latent", latentSize))
        .channels(c.getInt("channels", channels)).slope(c.getFloat("slope", slope)).init(i)
        .seed(c.getLong("seed", seed)).trainLimit(c.getInt("train_limit", trainLimit)).precision(c.getPrecision())
        .build();
  }

  /** Seed 002's settings for the conditional model, writing into {@code outputs/cvae}. */
  public static CvaeSettings defaults() {
    return builder().build();
  }

  /** A builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder().dataset(DatasetName.MNIST).conditional(true).epochs(100).batchSize(64)
        .adam(new Adam.Settings(1e-4f, 0.5f, 0.999f, 1e-8f)).latentSize(2).channels(32).slope(0.01f)
        .init(WeightInit.TORCH).precision(Precision.FP32).seed(22).checkpointEvery(900).trainLimit(0)
        .manifoldDigits(List.of(2, 5, 0))
        .outputDir(Path.of("outputs", "cvae")).dataDir(null);
  }

  public Builder toBuilder() {
    return new Builder().run(this).conditional(conditional).adam(adam)
        .latentSize(latentSize).channels(channels).slope(slope).init(init).precision(precision)
        .checkpointEvery(checkpointEvery).trainLimit(trainLimit).manifoldDigits(manifoldDigits);
  }

  /** Builds settings field by field; start from {@link #builder()} or {@link #toBuilder()}. */
  public static final class Builder extends RunSettingsBuilder<Builder> {
    private boolean conditional;
    private Adam.Settings adam;
    private int latentSize;
    private int channels;
    private float slope;
    private WeightInit init;
    private Precision precision;
    private int checkpointEvery;
    private int trainLimit;
    private List<Integer> manifoldDigits;

    private Builder() {
    }

    public Builder conditional(boolean v) { conditional = v; return this; }
    public Builder adam(Adam.Settings v) { adam = v; return this; }
    public Builder latentSize(int v) { latentSize = v; return this; }
    public Builder channels(int v) { channels = v; return this; }
    public Builder slope(float v) { slope = v; return this; }
    public Builder init(WeightInit v) { init = v; return this; }
    public Builder precision(Precision v) { precision = v; return this; }
    public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
    public Builder trainLimit(int v) { trainLimit = v; return this; }
    public Builder manifoldDigits(List<Integer> v) { manifoldDigits = v; return this; }

    /** The settings; throws {@link IllegalArgumentException} where a value is out of range. */
    public CvaeSettings build() {
      return new CvaeSettings(dataset, conditional, epochs, batchSize, adam, latentSize, channels, slope, init,
          precision, seed,
          checkpointEvery, trainLimit, manifoldDigits, outputDir, dataDir);
    }
  }
}
