package org.genmodels.ae;

import java.nio.file.Path;
import java.util.List;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.model.TrainingSettings;
import org.genmodels.shared.train.ModelConfig;

/**
 * Everything a run of the dense autoencoder depends on. The defaults are those of the seed's
 * {@code AE.py} (Fashion-MNIST, batch 512, Adam 1e-3, a 20-d code, 100 epochs, seed 22).
 *
 * @param dataset      the data set to train on
 * @param epochs       epochs to train
 * @param batchSize    examples per step; the last partial batch is kept, as {@code tf.data} does
 * @param learningRate Adam's step size
 * @param hiddenSizes  widths of the encoder's hidden layers; the decoder mirrors them
 * @param codeSize     width of the linear code ({@code h_dim})
 * @param seed         seeds weights, shuffling and everything random: equal seeds, equal runs
 * @param outputDir    where the pictures go
 * @param dataDir      where to look for the data first, or null
 */
public record AutoencoderSettings(DatasetName dataset, int epochs, int batchSize, float learningRate,
                                  List<Integer> hiddenSizes, int codeSize, long seed,
                                  Path outputDir, Path dataDir)
    implements TrainingSettings<AutoencoderSettings> {

  public AutoencoderSettings {
    hiddenSizes = List.copyOf(hiddenSizes);
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
    }
    if (codeSize < 1 || hiddenSizes.stream().anyMatch(h -> h < 1)) {
      throw new IllegalArgumentException("layer widths must be at least 1, got hidden "
          + hiddenSizes + " and code " + codeSize);
    }
  }

  /** {@code AE.py}'s settings, writing into {@code outputs/ae}. */
  public static AutoencoderSettings defaults() {
    return new AutoencoderSettings(DatasetName.FASHION_MNIST, 100, 512, 1e-3f, List.of(256, 128), 20,
        22, Path.of("outputs", "ae"), null);
  }

  /** The model's name in checkpoints and on the command line. */
  public static final String MODEL = "ae";

  /**
   * What the run depends on ({@link ModelConfig}): {@code dataset}, {@code batch_size},
   * {@code seed}, {@code hidden}, {@code code_size}, {@code lr}.
   */
  public ModelConfig config() {
    return ModelConfig.of(MODEL).put("dataset", dataset.cliName()).put("batch_size", batchSize).put("seed", seed)
        .put("hidden", hiddenSizes).put("code_size", codeSize).put("lr", learningRate).build();
  }

  /** These settings with every value {@code c} holds in place of this one's. */
  public AutoencoderSettings withConfig(ModelConfig c) {
    c.requireModel(MODEL);
    return new AutoencoderSettings(c.getDataset(dataset), epochs, c.getInt("batch_size", batchSize),
        c.getFloat("lr", learningRate), c.getInts("hidden", hiddenSizes), c.getInt("code_size", codeSize),
        c.getLong("seed", seed), outputDir, dataDir);
  }

  public AutoencoderSettings withDataset(DatasetName d) {
    return new AutoencoderSettings(d, epochs, batchSize, learningRate, hiddenSizes, codeSize, seed, outputDir, dataDir);
  }

  public AutoencoderSettings withEpochs(int e) {
    return new AutoencoderSettings(dataset, e, batchSize, learningRate, hiddenSizes, codeSize, seed, outputDir, dataDir);
  }

  public AutoencoderSettings withSeed(long s) {
    return new AutoencoderSettings(dataset, epochs, batchSize, learningRate, hiddenSizes, codeSize, s, outputDir, dataDir);
  }

  public AutoencoderSettings withArchitecture(List<Integer> hidden, int code) {
    return new AutoencoderSettings(dataset, epochs, batchSize, learningRate, hidden, code, seed, outputDir, dataDir);
  }

  public AutoencoderSettings withOutputDir(Path dir) {
    return new AutoencoderSettings(dataset, epochs, batchSize, learningRate, hiddenSizes, codeSize, seed, dir, dataDir);
  }

  public AutoencoderSettings withDataDir(Path dir) {
    return new AutoencoderSettings(dataset, epochs, batchSize, learningRate, hiddenSizes, codeSize, seed, outputDir, dir);
  }
}
