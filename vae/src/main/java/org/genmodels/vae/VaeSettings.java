package org.genmodels.vae;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.model.RunSettingsBuilder;
import org.genmodels.shared.model.TrainingSettings;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.nn.Reduction;
import org.genmodels.shared.nn.WeightInit;
import org.genmodels.shared.train.Adam;
import org.genmodels.shared.train.ModelConfig;

/**
 * Everything a run of the dense VAE depends on; the seeds' variants are {@link VaePreset}s of it.
 * The loss is {@code reconstruction + beta · KL}, both terms reduced as {@code reduction} says:
 * {@code VAE.py}'s {@code reduce_sum(·)/B} ({@link Reduction#SUM_PER_EXAMPLE}) or seed 003's means
 * ({@link Reduction#MEAN}). The Keras book's {@code mean(xent) − 5e-4·mean(1 + logvar − mu² −
 * e^logvar)} is {@code MEAN} with {@code beta} 0.001.
 *
 * @param dataset      the data set
 * @param epochs       epochs to train
 * @param batchSize    examples per step (the last partial batch is kept)
 * @param adam         the optimizer's settings
 * @param hiddenSize   width of the encoder's and decoder's hidden layer
 * @param latentSize   dimensions of z
 * @param likelihood   Bernoulli (BCE from logits) or unit Gaussian (0.5·MSE) decoder
 * @param reduction    how the loss terms are reduced
 * @param beta         weight of the KL term
 * @param init         how weights start
 * @param precision    what the layers multiply in: float32 (the default) or bfloat16 with float32
 *                     weights, loss and optimizer ({@link Precision}); no preset changes it
 * @param seed         seeds weights, shuffling and every random op
 * @param manifoldSize n of the n×n manifold figure drawn for a 2-d latent
 * @param iwaeSamples  importance samples k of the final log-likelihood estimate; 0 skips it
 * @param iwaeImages   how many test images the estimate averages over
 * @param outputDir    where pictures and the best checkpoint go
 * @param dataDir      where to look for the data first, or null
 */
public record VaeSettings(DatasetName dataset, int epochs, int batchSize, Adam.Settings adam,
                          int hiddenSize, int latentSize, Likelihood likelihood, Reduction reduction,
                          float beta, WeightInit init, Precision precision, long seed, int manifoldSize,
                          int iwaeSamples, int iwaeImages, Path outputDir, Path dataDir)
    implements TrainingSettings<VaeSettings> {

  public VaeSettings {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(adam, "adam");
    Objects.requireNonNull(likelihood, "likelihood");
    Objects.requireNonNull(reduction, "reduction");
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(precision, "precision");
    Objects.requireNonNull(outputDir, "outputDir");
    positive("epochs", epochs);
    positive("batch size", batchSize);
    positive("hidden size", hiddenSize);
    positive("latent size", latentSize);
    if (!(beta >= 0) || !Float.isFinite(beta)) {
      throw new IllegalArgumentException("beta (the KL weight) must be a number ≥ 0, got " + beta);
    }
    if (manifoldSize < 2) {
      throw new IllegalArgumentException("manifold size must be at least 2, got " + manifoldSize);
    }
    if (iwaeSamples < 0 || iwaeImages < 1) {
      throw new IllegalArgumentException("IWAE samples must be ≥ 0 and images ≥ 1, got "
          + iwaeSamples + " and " + iwaeImages);
    }
  }

  /** The model's name in checkpoints and on the command line. */
  public static final String MODEL = "vae";

  /** The weight initializations the VAE's presets use. */
  public static final List<WeightInit> INITS = List.of(WeightInit.KERAS, WeightInit.TORCH,
      WeightInit.TRUNCATED_NORMAL_0_001);

  /**
   * What the run depends on ({@link ModelConfig}): {@code dataset}, {@code batch_size},
   * {@code seed}, {@code hidden}, {@code latent}, {@code reconstruction} (bce|mse),
   * {@code reduction} (sum|mean), {@code beta}, {@code lr}, {@code adam_betas},
   * {@code adam_epsilon}, {@code init} (which initializers draw decides which seed pair the noise
   * op gets, so a resumed run needs it to draw the same noise), and {@code precision} when it is
   * not fp32 (so that fp32 runs keep the files they had before it existed).
   */
  public ModelConfig config() {
    return ModelConfig.of(MODEL).put("dataset", dataset.cliName()).put("batch_size", batchSize).put("seed", seed)
        .put("hidden", hiddenSize).put("latent", latentSize).put("reconstruction", likelihood.cliName())
        .put("reduction", reduction.cliName()).put("beta", beta).putAdam(adam).put("init", init.cliName())
        .putPrecision(precision).build();
  }

  /** These settings with every value {@code c} holds in place of this one's. */
  public VaeSettings withConfig(ModelConfig c) {
    c.requireModel(MODEL);
    return toBuilder().dataset(c.getDataset(dataset)).batchSize(c.getInt("batch_size", batchSize))
        .seed(c.getLong("seed", seed)).hiddenSize(c.getInt("hidden", hiddenSize))
        .latentSize(c.getInt("latent", latentSize)).beta(c.getFloat("beta", beta))
        .likelihood(c.find("reconstruction").isPresent()
            ? Likelihood.fromCliName(c.getChoice("reconstruction", List.of("bce", "mse"))) : likelihood)
        .reduction(c.find("reduction").isPresent()
            ? Reduction.fromCliName(c.getChoice("reduction", List.of("sum", "mean"))) : reduction)
        .adam(c.getAdam(adam)).precision(c.getPrecision())
        .init(c.find("init").isPresent() ? WeightInit.fromCliName(c.getChoice("init",
            INITS.stream().map(WeightInit::cliName).toList()), INITS) : init)
        .build();
  }

  /** {@code VAE.py}'s settings. */
  public static VaeSettings defaults() {
    return VaePreset.VAE_PY.settings().build();
  }

  /** A builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return VaePreset.VAE_PY.settings();
  }

  public Builder toBuilder() {
    return new Builder().run(this).adam(adam)
        .hiddenSize(hiddenSize).latentSize(latentSize).likelihood(likelihood).reduction(reduction)
        .beta(beta).init(init).precision(precision).manifoldSize(manifoldSize).iwaeSamples(iwaeSamples)
        .iwaeImages(iwaeImages);
  }

  private static void positive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + value);
    }
  }

  /** Builds settings field by field; start from a preset. */
  public static final class Builder extends RunSettingsBuilder<Builder> {
    private Adam.Settings adam;
    private int hiddenSize;
    private int latentSize;
    private Likelihood likelihood;
    private Reduction reduction;
    private float beta;
    private WeightInit init;
    private Precision precision = Precision.FP32;
    private int manifoldSize;
    private int iwaeSamples;
    private int iwaeImages;

    public Builder adam(Adam.Settings v) { adam = v; return this; }
    public Builder hiddenSize(int v) { hiddenSize = v; return this; }
    public Builder latentSize(int v) { latentSize = v; return this; }
    public Builder likelihood(Likelihood v) { likelihood = v; return this; }
    public Builder reduction(Reduction v) { reduction = v; return this; }
    public Builder beta(float v) { beta = v; return this; }
    public Builder init(WeightInit v) { init = v; return this; }
    public Builder precision(Precision v) { precision = v; return this; }
    public Builder manifoldSize(int v) { manifoldSize = v; return this; }
    public Builder iwaeSamples(int v) { iwaeSamples = v; return this; }
    public Builder iwaeImages(int v) { iwaeImages = v; return this; }

    public VaeSettings build() {
      return new VaeSettings(dataset, epochs, batchSize, adam, hiddenSize, latentSize, likelihood,
          reduction, beta, init, precision, seed, manifoldSize, iwaeSamples, iwaeImages, outputDir, dataDir);
    }
  }
}
