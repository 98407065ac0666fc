package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.genmodels.ae.AutoencoderSettings;
import org.genmodels.cvae.CvaeSettings;
import org.genmodels.diffusion.DiffusionSettings;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.tf.CheckpointReader;
import org.genmodels.shared.train.ModelConfig;
import org.genmodels.shared.train.StoredSettings;
import org.genmodels.vae.VaeSettings;

/**
 * The project's models that export and embed, each recognised in a checkpoint by a variable only
 * it has, and rebuilt from a checkpoint's settings ({@code run.properties}) or, for a checkpoint
 * that keeps none, from its variable shapes. A new model adds a constant here (its command-line
 * name and marker variable), its two cases in {@link #fromCheckpoint}, and its {@link ServingModel}.
 */
public enum ModelKind {
  /** The dense autoencoder ({@code ae/}). */
  AE("ae", "dense autoencoder", "encoder/code/kernel"),
  /** The dense VAE ({@code vae/}). */
  VAE("vae", "dense VAE", "encoder/fc1/kernel"),
  /** The conv VAE and CVAE ({@code cvae/}). */
  CVAE("cvae", "conv VAE / CVAE", "encoder/conv1/kernel"),
  /** The DDPM ({@code diffusion/}). */
  DDPM("diffusion", "DDPM", "unet/conv0/kernel");

  private final String cliName;
  private final String displayName;
  private final String marker;

  ModelKind(String cliName, String displayName, String marker) {
    this.cliName = cliName;
    this.displayName = displayName;
    this.marker = marker;
  }

  public String cliName() {
    return cliName;
  }

  public String displayName() {
    return displayName;
  }

  /**
   * The inference graph of the model whose checkpoint {@code r} is (read from {@code dir}): built
   * from the {@link ModelConfig} the checkpoint keeps, when it keeps one, with which the
   * {@code hints} the user gave must agree; else its sizes read from the variables' shapes and
   * what shapes cannot tell from {@code hints}.
   */
  public ServingModel fromCheckpoint(Path dir, CheckpointReader r, CheckpointHints hints) {
    Optional<ModelConfig> stored = ModelConfig.read(dir);
    if (stored.isPresent()) {
      ModelConfig c = stored.get().requireModel(cliName);
      StoredSettings.requireAgreement(c, hints.asConfig(cliName), hints.given());
      return switch (this) {
        case AE -> AutoencoderServing.of(AutoencoderSettings.defaults().withConfig(c));
        case VAE -> VaeServing.of(VaeSettings.defaults().withConfig(c));
        case CVAE -> new CvaeServing(CvaeSettings.defaults().withConfig(c));
        case DDPM -> DdpmServing.of(DiffusionSettings.defaults().withConfig(c));
      };
    }
    return switch (this) {
      case AE -> AutoencoderServing.fromCheckpoint(r);
      case VAE -> VaeServing.fromCheckpoint(r, hints.likelihood());
      case CVAE -> CvaeServing.fromCheckpoint(r, hints.slope());
      case DDPM -> DdpmServing.fromCheckpoint(r, hints);
    };
  }

  /**
   * The kind of model whose checkpoint {@code r} is (read from {@code dir}): the model its
   * {@link ModelConfig} names, or the one whose marker variable it holds.
   *
   * @throws UserException when it is none of this project's models
   */
  public static ModelKind detect(Path dir, CheckpointReader r) {
    Optional<ModelConfig> stored = ModelConfig.read(dir);
    if (stored.isPresent()) {
      String model = stored.get().model();
      return Arrays.stream(values()).filter(k -> k.cliName.equals(model)).findFirst().orElseThrow(() ->
          new UserException(stored.get().source() + " names the model '" + model + "', which this version does"
              + " not know: " + String.join(", ", Arrays.stream(values()).map(ModelKind::cliName).toList())));
    }
    return Arrays.stream(values()).filter(k -> r.entry(k.marker).isPresent()).findFirst()
        .orElseThrow(() -> new UserException("the checkpoint " + r.prefix() + " is not one of this project's"
            + " models (no " + String.join(", ", Arrays.stream(values()).map(k -> k.marker).toList())
            + "): give the checkpoint directory a model's training run wrote, e.g. outputs/ae/checkpoint"));
  }

  /** {@code ae}, {@code vae}, {@code cvae} or {@code diffusion}. */
  public static ModelKind fromCliName(String name) {
    return Arrays.stream(values()).filter(k -> k.cliName.equals(name.toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown model '" + name + "': use "
            + String.join(", ", Arrays.stream(values()).map(ModelKind::cliName).toList())));
  }
}
