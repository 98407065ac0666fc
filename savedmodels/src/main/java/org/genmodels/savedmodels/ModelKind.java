package org.genmodels.savedmodels;

import java.util.Arrays;
import java.util.Locale;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.tf.CheckpointReader;

/**
 * The project's models that export and embed, each recognised in a checkpoint by a variable only
 * it has, and rebuilt from a checkpoint's variable shapes. A new model (the DDPM) adds a constant
 * here and its {@link ServingModel}.
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
   * The inference graph of the model whose checkpoint {@code r} is, its sizes read from the
   * variables' shapes; what shapes cannot tell comes from {@code hints}.
   */
  public ServingModel fromCheckpoint(CheckpointReader r, CheckpointHints hints) {
    return switch (this) {
      case AE -> AutoencoderServing.fromCheckpoint(r);
      case VAE -> VaeServing.fromCheckpoint(r, hints.likelihood());
      case CVAE -> CvaeServing.fromCheckpoint(r, hints.slope());
      case DDPM -> DdpmServing.fromCheckpoint(r, hints);
    };
  }

  /**
   * The kind of model whose checkpoint {@code r} is.
   *
   * @throws UserException when no kind's marker variable is in it
   */
  public static ModelKind detect(CheckpointReader r) {
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
