package org.genmodels.ae;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.model.RunSettingsBuilder;
import org.genmodels.shared.model.TrainingSettings;
import org.genmodels.shared.nn.Precision;
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
 * @param precision    what the layers multiply in: float32 (the default) or bfloat16 with float32
 *                     weights, loss and optimizer ({@link Precision})
 * @param seed         seeds weights, shuffling and everything random: equal seeds, equal runs
 * @param outputDir    where the pictures go
 * @param dataDir      where to look for the data first, or null
 */
public record AutoencoderSettings(DatasetName dataset, int epochs, int batchSize, float learningRate,
                                  List<Integer> hiddenSizes, int codeSize, Precision precision, long seed,
                                  Path outputDir, Path dataDir)
    implements TrainingSettings<AutoencoderSettings> {

  public AutoencoderSettings {
    hiddenSizes = List.copyOf(hiddenSizes);
    Objects.requireNonNull(precision, "precision");
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
    return builder().build();
  }

  /** A builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder().dataset(DatasetName.FASHION_MNIST).epochs(100).batchSize(512).learningRate(1e-3f)
        .hiddenSizes(List.of(256, 128)).codeSize(20).precision(Precision.FP32).seed(22)
        .outputDir(Path.of("outputs", "ae")).dataDir(null);
  }

  /** The model's name in checkpoints and on the command line. */
  public static final String MODEL = "ae";

  /**
   * What the run depends on ({@link ModelConfig}): {@code dataset}, {@code batch_size},
   * {@code seed}, {@code hidden}, {@code code_size}, {@code lr}, and {@code precision} when it is
   * not fp32 (so that fp32 runs keep the files they had before it existed).
   */
  public ModelConfig config() {
    return ModelConfig.of(MODEL).put("dataset", dataset.cliName()).put("batch_size", batchSize).put("seed", seed)
        .put("hidden", hiddenSizes).put("code_size", codeSize).put("lr", learningRate).putPrecision(precision).build();
  }

  /** These settings with every value {@code c} holds in place of this one's. */
  public AutoencoderSettings withConfig(ModelConfig c) {
    c.requireModel(MODEL);
    return toBuilder().dataset(c.getDataset(dataset)).batchSize(c.getInt("batch_size", batchSize))
        .learningRate(c.getFloat("lr", learningRate)).hiddenSizes(c.getInts("hidden", hiddenSizes))
        .codeSize(c.getInt("code_size", codeSize)).precision(c.getPrecision()).seed(c.getLong("seed", seed)).build();
  }

  public Builder toBuilder() {
    return new Builder().run(this).learningRate(learningRate).hiddenSizes(hiddenSizes).codeSize(codeSize)
        .precision(precision);
  }

  /** Builds settings field by field; start from {@link #builder()} or {@link #toBuilder()}. */
  public static final class Builder extends RunSettingsBuilder<Builder> {
    private float learningRate;
    private List<Integer> hiddenSizes;
    private int codeSize;
    private Precision precision;

    private Builder() {
    }

    public Builder learningRate(float v) { learningRate = v; return this; }
    public Builder hiddenSizes(List<Integer> v) { hiddenSizes = v; return this; }
    public Builder codeSize(int v) { codeSize = v; return this; }
    public Builder precision(Precision v) { precision = v; return this; }

    /** The settings; throws {@link IllegalArgumentException} where a value is out of range. */
    public AutoencoderSettings build() {
      return new AutoencoderSettings(dataset, epochs, batchSize, learningRate, hiddenSizes, codeSize, precision, seed,
          outputDir, dataDir);
    }
  }
}
