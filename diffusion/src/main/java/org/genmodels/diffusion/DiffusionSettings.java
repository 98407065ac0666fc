package org.genmodels.diffusion;

import java.nio.file.Path;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.train.Adam;

/**
 * Everything a DDPM run depends on. The defaults are seed 004's (MODELS.md §5) where they carry
 * over: T = 300 linear betas 1e-4 … 0.02, Adam 1e-3 (PyTorch's β and ε), batch 128 with the last
 * partial batch dropped, 100 epochs; the network is the CPU-sized {@link UnetSettings#cpu()} and
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
 * @param seed            seeds weights, shuffling, t and noise, and the figures' samples
 * @param checkpointEvery steps between checkpoints (0: only at the end)
 * @param figuresEvery    epochs between sample grids and denoising strips (0: none)
 * @param sampleImages    images in each sample grid
 * @param trainLimit      train on the first {@code trainLimit} training images only (0: all)
 * @param outputDir       where pictures and checkpoints go
 * @param dataDir         where to look for the data first, or null
 */
public record DiffusionSettings(DatasetName dataset, int epochs, int batchSize, Adam.Settings adam,
                                UnetSettings unet, int timesteps, double betaStart, double betaEnd, long seed,
                                int checkpointEvery, int figuresEvery, int sampleImages, int trainLimit,
                                Path outputDir, Path dataDir) {
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
        UnetSettings.cpu(), 300, 1e-4, 0.02, 22, 500, 1, 64, 0, Path.of("outputs", "diffusion"), null);
  }

  /** The diffusion process these settings describe. */
  public GaussianDiffusion diffusion() {
    return GaussianDiffusion.linear(timesteps, betaStart, betaEnd);
  }

  public DiffusionSettings withDataset(DatasetName d) {
    return new DiffusionSettings(d, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, seed,
        checkpointEvery, figuresEvery, sampleImages, trainLimit, outputDir, dataDir);
  }

  public DiffusionSettings withEpochs(int e) {
    return new DiffusionSettings(dataset, e, batchSize, adam, unet, timesteps, betaStart, betaEnd, seed,
        checkpointEvery, figuresEvery, sampleImages, trainLimit, outputDir, dataDir);
  }

  public DiffusionSettings withBatchSize(int b) {
    return new DiffusionSettings(dataset, epochs, b, adam, unet, timesteps, betaStart, betaEnd, seed,
        checkpointEvery, figuresEvery, sampleImages, trainLimit, outputDir, dataDir);
  }

  public DiffusionSettings withUnet(UnetSettings u) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, u, timesteps, betaStart, betaEnd, seed,
        checkpointEvery, figuresEvery, sampleImages, trainLimit, outputDir, dataDir);
  }

  public DiffusionSettings withTimesteps(int t) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, t, betaStart, betaEnd, seed,
        checkpointEvery, figuresEvery, sampleImages, trainLimit, outputDir, dataDir);
  }

  public DiffusionSettings withSeed(long s) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, s,
        checkpointEvery, figuresEvery, sampleImages, trainLimit, outputDir, dataDir);
  }

  public DiffusionSettings withCheckpointEvery(int n) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, seed,
        n, figuresEvery, sampleImages, trainLimit, outputDir, dataDir);
  }

  public DiffusionSettings withFiguresEvery(int n) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, seed,
        checkpointEvery, n, sampleImages, trainLimit, outputDir, dataDir);
  }

  public DiffusionSettings withSampleImages(int n) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, seed,
        checkpointEvery, figuresEvery, n, trainLimit, outputDir, dataDir);
  }

  public DiffusionSettings withTrainLimit(int n) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, seed,
        checkpointEvery, figuresEvery, sampleImages, n, outputDir, dataDir);
  }

  public DiffusionSettings withOutputDir(Path dir) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, seed,
        checkpointEvery, figuresEvery, sampleImages, trainLimit, dir, dataDir);
  }

  public DiffusionSettings withDataDir(Path dir) {
    return new DiffusionSettings(dataset, epochs, batchSize, adam, unet, timesteps, betaStart, betaEnd, seed,
        checkpointEvery, figuresEvery, sampleImages, trainLimit, outputDir, dir);
  }
}
