package org.genmodels.diffusion;

import java.nio.file.Path;
import java.util.Objects;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.model.RunSettingsBuilder;
import org.genmodels.shared.model.TrainingSettings;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.train.Adam;
import org.genmodels.shared.train.ModelConfig;

/**
 * Everything a DDPM run depends on. The defaults are seed 004's (MODELS.md §5) where they carry
 * over: T = 300 linear betas 1e-4 … 0.02, Adam 1e-3 (PyTorch's β and ε), batch 128 with the last
 * partial batch dropped, 100 epochs, no weight average; the network is the CPU-sized {@link UnetSettings#cpu()} and
 * the data Fashion-MNIST padded to 32 × 32 (the seed's StanfordCars cannot be installed here).
 *
 * @param dataset         the data set to train on
 * @param epochs          epochs to train
 * @param batchSize       examples per step; the last partial batch is dropped, as the seed does
 * @param adam            the optimizer's settings
 * @param unet            the network's shape
 * @param timesteps       T, the diffusion steps
 * @param betaStart       the first beta
 * @param betaEnd         the last beta
 * @param ema             decay of an exponential moving average of the weights used for sampling, as
 *                        the Keras DDPM example keeps (0.999 there); 0: none, sample with the weights
 * @param clampEveryStep  clamp the images to [-1, 1] after every reverse step, as the seed does, rather
 *                        than the result only (the seed's clamp spoils its samples, see {@link SamplerGraph})
 * @param precision       what the convolutions and matrix products multiply in: float32 (the default),
 *                        or bfloat16 through TensorFlow's rewrite with float32 weights and Adam
 *                        ({@link org.genmodels.shared.tf.Bf16Rewrite}), sampling included
 * @param seed            seeds weights, shuffling, t and noise, and the figures' samples
 * @param checkpointEvery steps between checkpoints (0: only at the end)
 * @param figuresEvery    epochs between sample grids and denoising strips (0: none)
 * @param sampleImages    images in each sample grid
 * @param fidImages       images sampled at the end of a run for the Fréchet score against as many
 *                        test images (MNIST and Fashion-MNIST only); 0: no score
 * @param trainLimit      train on the first {@code trainLimit} training images only (0: all)
 * @param imageDir        train on the PNG/JPEG images of this folder instead of {@code dataset}
 *                        (RGB, resized to the network's size, flipped left–right at random), or null
 * @param outputDir       where pictures and checkpoints go
 * @param dataDir         where to look for the data first, or null
 */
public record DiffusionSettings(DatasetName dataset, int epochs, int batchSize, Adam.Settings adam,
                                UnetSettings unet, int timesteps, double betaStart, double betaEnd, float ema,
                                boolean clampEveryStep, Precision precision, long seed, int checkpointEvery,
                                int figuresEvery, int sampleImages, int fidImages,
                                int trainLimit, Path imageDir, Path outputDir, Path dataDir)
    implements TrainingSettings<DiffusionSettings> {
  public DiffusionSettings {
    Objects.requireNonNull(precision, "precision");
    require(epochs >= 1, "epochs must be at least 1, got " + epochs);
    require(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
    require(timesteps >= 10, "timesteps must be at least 10 (the denoising strip shows every T/10th), got "
        + timesteps);
    require(betaStart > 0 && betaStart <= betaEnd && betaEnd < 1,
        "betas must satisfy 0 < start <= end < 1, got " + betaStart + " and " + betaEnd);
    require(checkpointEvery >= 0, "checkpoint interval must be >= 0, got " + checkpointEvery);
    require(figuresEvery >= 0, "figures interval must be >= 0 (0: none), got " + figuresEvery);
    require(sampleImages >= 1, "sample images must be at least 1, got " + sampleImages);
    require(ema == 0 || (ema > 0 && ema < 1), "the weight average's decay must be 0 (none) or in (0, 1), e.g."
        + " 0.999, got " + ema);
    require(fidImages == 0 || fidImages >= 2, "the Fréchet score needs at least 2 images (0: no score), got "
        + fidImages);
    require(trainLimit >= 0, "train limit must be >= 0 (0: all images), got " + trainLimit);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The defaults, writing into {@code outputs/diffusion}. */
  public static DiffusionSettings defaults() {
    return builder().build();
  }

  /** A builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder().dataset(DatasetName.FASHION_MNIST).epochs(100).batchSize(128)
        .adam(new Adam.Settings(1e-3f, 0.9f, 0.999f, 1e-8f)).unet(UnetSettings.cpu()).timesteps(300).betaStart(1e-4)
        .betaEnd(0.02).ema(0f).clampEveryStep(false).precision(Precision.FP32).seed(22).checkpointEvery(500)
        .figuresEvery(1).sampleImages(64)
        .fidImages(1000).trainLimit(0).imageDir(null).outputDir(Path.of("outputs", "diffusion")).dataDir(null);
  }

  /** The model's name in checkpoints and on the command line. */
  public static final String MODEL = "diffusion";

  /**
   * What the run depends on ({@link ModelConfig}): {@code dataset}, {@code batch_size},
   * {@code seed}, {@code train_limit}, the network ({@code widths}, {@code channels},
   * {@code image_size}, {@code time_embedding}), the process ({@code timesteps}, {@code beta_start},
   * {@code beta_end}, {@code clamp_every_step}), the weight average ({@code ema}), Adam's
   * {@code lr}, {@code adam_betas} and {@code adam_epsilon}, and {@code precision} when it is not
   * fp32 (so that fp32 runs keep the files they had before it existed).
   */
  public ModelConfig config() {
    return ModelConfig.of(MODEL).put("dataset", dataset.cliName()).put("batch_size", batchSize).put("seed", seed)
        .put("train_limit", trainLimit).put("widths", unet.widths()).put("channels", unet.channels())
        .put("image_size", unet.imageSize()).put("time_embedding", unet.timeEmbedding()).put("timesteps", timesteps)
        .put("beta_start", betaStart).put("beta_end", betaEnd).put("clamp_every_step", clampEveryStep)
        .put("ema", ema).putAdam(adam).putPrecision(precision).build();
  }

  /** These settings with every value {@code c} holds in place of this one's. */
  public DiffusionSettings withConfig(ModelConfig c) {
    c.requireModel(MODEL);
    UnetSettings u = unet.toBuilder().widths(c.getInts("widths", unet.widths()))
        .channels(c.getInt("channels", unet.channels())).imageSize(c.getInt("image_size", unet.imageSize()))
        .timeEmbedding(c.getInt("time_embedding", unet.timeEmbedding())).build();
    Adam.Settings a = c.getAdam(adam);
    return toBuilder().dataset(c.getDataset(dataset)).batchSize(c.getInt("batch_size", batchSize)).adam(a).unet(u)
        .timesteps(c.getInt("timesteps", timesteps)).betaStart(c.getDouble("beta_start", betaStart))
        .betaEnd(c.getDouble("beta_end", betaEnd)).ema(c.getFloat("ema", ema))
        .clampEveryStep(c.getBoolean("clamp_every_step", clampEveryStep)).seed(c.getLong("seed", seed))
        .trainLimit(c.getInt("train_limit", trainLimit)).precision(c.getPrecision()).build();
  }

  /** Whether sampling uses an average of the weights. */
  public boolean averagesWeights() {
    return ema > 0;
  }

  /** The diffusion process these settings describe. */
  public GaussianDiffusion diffusion() {
    return GaussianDiffusion.linear(timesteps, betaStart, betaEnd);
  }

  public Builder toBuilder() {
    return new Builder().run(this).adam(adam).unet(unet)
        .timesteps(timesteps).betaStart(betaStart).betaEnd(betaEnd).ema(ema).clampEveryStep(clampEveryStep)
        .precision(precision)
        .checkpointEvery(checkpointEvery).figuresEvery(figuresEvery).sampleImages(sampleImages)
        .fidImages(fidImages).trainLimit(trainLimit).imageDir(imageDir);
  }

  /** Builds settings field by field; start from {@link #builder()} or {@link #toBuilder()}. */
  public static final class Builder extends RunSettingsBuilder<Builder> {
    private Adam.Settings adam;
    private UnetSettings unet;
    private int timesteps;
    private double betaStart;
    private double betaEnd;
    private float ema;
    private boolean clampEveryStep;
    private Precision precision;
    private int checkpointEvery;
    private int figuresEvery;
    private int sampleImages;
    private int fidImages;
    private int trainLimit;
    private Path imageDir;

    private Builder() {
    }

    public Builder adam(Adam.Settings v) { adam = v; return this; }
    public Builder unet(UnetSettings v) { unet = v; return this; }
    public Builder timesteps(int v) { timesteps = v; return this; }
    public Builder betaStart(double v) { betaStart = v; return this; }
    public Builder betaEnd(double v) { betaEnd = v; return this; }
    public Builder ema(float v) { ema = v; return this; }
    public Builder clampEveryStep(boolean v) { clampEveryStep = v; return this; }
    public Builder precision(Precision v) { precision = v; return this; }
    public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
    public Builder figuresEvery(int v) { figuresEvery = v; return this; }
    public Builder sampleImages(int v) { sampleImages = v; return this; }
    public Builder fidImages(int v) { fidImages = v; return this; }
    public Builder trainLimit(int v) { trainLimit = v; return this; }
    public Builder imageDir(Path v) { imageDir = v; return this; }

    /** The settings; throws {@link IllegalArgumentException} where a value is out of range. */
    public DiffusionSettings build() {
      return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, ema,
          clampEveryStep, precision, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, imageDir,
          outputDir, dataDir);
    }
  }
}
