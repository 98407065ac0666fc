package org.genmodels.diffusion;

import java.nio.file.Path;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.model.TrainingSettings;
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
                                boolean clampEveryStep, long seed, int checkpointEvery, int figuresEvery, int sampleImages, int fidImages,
                                int trainLimit, Path imageDir, Path outputDir, Path dataDir)
    implements TrainingSettings<DiffusionSettings> {
  public DiffusionSettings {
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
    return new DiffusionSettings(DatasetName.FASHION_MNIST, 100, 128, new Adam.Settings(1e-3f, 0.9f, 0.999f, 1e-8f),
        UnetSettings.cpu(), 300, 1e-4, 0.02, 0f, false, 22, 500, 1, 64, 1000, 0, null, Path.of("outputs", "diffusion"),
        null);
  }

  /** The model's name in checkpoints and on the command line. */
  public static final String MODEL = "diffusion";

  /**
   * What the run depends on ({@link ModelConfig}): {@code dataset}, {@code batch_size},
   * {@code seed}, {@code train_limit}, the network ({@code widths}, {@code channels},
   * {@code image_size}, {@code time_embedding}), the process ({@code timesteps}, {@code beta_start},
   * {@code beta_end}, {@code clamp_every_step}), the weight average ({@code ema}) and Adam's
   * {@code lr}, {@code adam_betas} and {@code adam_epsilon}.
   */
  public ModelConfig config() {
    return ModelConfig.of(MODEL).put("dataset", dataset.cliName()).put("batch_size", batchSize).put("seed", seed)
        .put("train_limit", trainLimit).put("widths", unet.widths()).put("channels", unet.channels())
        .put("image_size", unet.imageSize()).put("time_embedding", unet.timeEmbedding()).put("timesteps", timesteps)
        .put("beta_start", betaStart).put("beta_end", betaEnd).put("clamp_every_step", clampEveryStep)
        .put("ema", ema).putAdam(adam).build();
  }

  /** These settings with every value {@code c} holds in place of this one's. */
  public DiffusionSettings withConfig(ModelConfig c) {
    c.requireModel(MODEL);
    UnetSettings u = new UnetSettings(c.getInts("widths", unet.widths()), c.getInt("channels", unet.channels()),
        c.getInt("image_size", unet.imageSize()), c.getInt("time_embedding", unet.timeEmbedding()));
    Adam.Settings a = c.getAdam(adam);
    return new DiffusionSettings(c.getDataset(dataset), epochs, c.getInt("batch_size", batchSize), a, u,
        c.getInt("timesteps", timesteps), c.getDouble("beta_start", betaStart), c.getDouble("beta_end", betaEnd),
        c.getFloat("ema", ema), c.getBoolean("clamp_every_step", clampEveryStep), c.getLong("seed", seed),
        checkpointEvery, figuresEvery, sampleImages, fidImages, c.getInt("train_limit", trainLimit), imageDir,
        outputDir, dataDir);
  }

  /** Whether sampling uses an average of the weights. */
  public boolean averagesWeights() {
    return ema > 0;
  }

  /** The diffusion process these settings describe. */
  public GaussianDiffusion diffusion() {
    return GaussianDiffusion.linear(timesteps, betaStart, betaEnd);
  }

  public DiffusionSettings withDataset(DatasetName value) {
    return new DiffusionSettings(value, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, ema, clampEveryStep, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withEpochs(int value) {
    return new DiffusionSettings(dataset, value, batchSize, adam, unet, timesteps, betaStart, betaEnd, ema, clampEveryStep, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withBatchSize(int value) {
    return new DiffusionSettings(dataset, epochs, value, adam, unet, timesteps, betaStart, betaEnd, ema, clampEveryStep, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withAdam(Adam.Settings value) {
    return new DiffusionSettings(dataset, epochs, batchSize, value, unet, timesteps, betaStart, betaEnd, ema, clampEveryStep, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withUnet(UnetSettings value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, value, timesteps, betaStart, betaEnd, ema, clampEveryStep, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withTimesteps(int value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, value, betaStart, betaEnd, ema, clampEveryStep, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withBetaStart(double value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, value, betaEnd, ema, clampEveryStep, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withBetaEnd(double value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, value, ema, clampEveryStep, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withEma(float value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, value, clampEveryStep, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withClampEveryStep(boolean value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, ema, value, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withSeed(long value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, ema, clampEveryStep, value, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withCheckpointEvery(int value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, ema, clampEveryStep, seed, value, figuresEvery, sampleImages, fidImages, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withFiguresEvery(int value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, ema, clampEveryStep, seed, checkpointEvery, value, sampleImages, fidImages, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withSampleImages(int value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, ema, clampEveryStep, seed, checkpointEvery, figuresEvery, value, fidImages, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withFidImages(int value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, ema, clampEveryStep, seed, checkpointEvery, figuresEvery, sampleImages, value, trainLimit, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withTrainLimit(int value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, ema, clampEveryStep, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, value, imageDir, outputDir, dataDir);
  }

  public DiffusionSettings withImageDir(Path value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, ema, clampEveryStep, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, value, outputDir, dataDir);
  }

  public DiffusionSettings withOutputDir(Path value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, ema, clampEveryStep, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, imageDir, value, dataDir);
  }

  public DiffusionSettings withDataDir(Path value) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, ema, clampEveryStep, seed, checkpointEvery, figuresEvery, sampleImages, fidImages, trainLimit, imageDir, outputDir, value);
  }
}
