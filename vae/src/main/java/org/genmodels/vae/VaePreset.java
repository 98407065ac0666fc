package org.genmodels.vae;

import java.nio.file.Path;
import java.util.List;
import org.genmodels.shared.cli.CliName;
import org.genmodels.shared.data.DatasetName;
import org.genmodels.shared.nn.Reduction;
import org.genmodels.shared.nn.WeightInit;
import org.genmodels.shared.train.Adam;

/** The seeds' dense VAEs (MODELS.md §2 and §3), as starting points for {@link VaeSettings}. */
public enum VaePreset implements CliName {
  /** {@code VAE.py} (seed 000): Fashion-MNIST, 784-128-10, BCE and KL summed per image, batch 512. */
  VAE_PY("vae-py"),
  /** Seed 003 (TF1): MNIST, 784-256-2, 0.5·MSE and KL as means, truncated-normal weights, batch 128. */
  SEED003("seed003"),
  /** Seed 004 (PyTorch): MNIST, 784-256-2, BCE and KL summed per image, PyTorch init, batch 128. */
  SEED004("seed004");

  private final String cliName;

  VaePreset(String cliName) {
    this.cliName = cliName;
  }

  @Override
  public String cliName() {
    return cliName;
  }

  /**
   * The preset named {@code name} (any case).
   *
   * @throws IllegalArgumentException naming the presets for any other name
   */
  public static VaePreset fromCliName(String name) {
    return CliName.find(List.of(values()), name).orElseThrow(() -> new IllegalArgumentException("unknown preset '" + name
            + "': use vae-py, seed003 or seed004"));
  }

  /** The preset's settings. */
  public VaeSettings.Builder settings() {
    VaeSettings.Builder b = new VaeSettings.Builder().adam(Adam.Settings.keras(1e-3f)).beta(1f)
        .seed(22).iwaeSamples(5000).iwaeImages(10_000).outputDir(Path.of("outputs", "vae"));
    return switch (this) {
      case VAE_PY -> b.dataset(DatasetName.FASHION_MNIST).epochs(1000).batchSize(512).hiddenSize(128)
          .latentSize(10).likelihood(Likelihood.BERNOULLI).reduction(Reduction.SUM_PER_EXAMPLE)
          .init(WeightInit.KERAS).manifoldSize(20);
      case SEED003 -> b.dataset(DatasetName.MNIST).epochs(50).batchSize(128).hiddenSize(256)
          .latentSize(2).likelihood(Likelihood.GAUSSIAN).reduction(Reduction.MEAN)
          .init(WeightInit.TRUNCATED_NORMAL_0_001).manifoldSize(15);
      case SEED004 -> b.dataset(DatasetName.MNIST).epochs(100).batchSize(128).hiddenSize(256)
          .latentSize(2).likelihood(Likelihood.BERNOULLI).reduction(Reduction.SUM_PER_EXAMPLE)
          .init(WeightInit.TORCH).manifoldSize(20);
    };
  }

  @Override
  public String toString() {
    return cliName;
  }
}
