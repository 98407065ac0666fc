package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genmodels.shared.model.CheckpointHints;
import org.genmodels.shared.model.Signatures;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.train.StoredSettings;
import org.genmodels.vae.VaePlugin;
import org.genmodels.vae.VaeServing;
import org.genmodels.vae.VaeSettings;
import org.tensorflow.types.TFloat32;

/**
 * A trained dense VAE for JVM applications, on plain arrays: images are rows of 784 values (a
 * 28×28 image, row-major; in [0, 1] for the Bernoulli decoder), latents rows of
 * {@link #latentSize()} values.
 *
 * <p>Loads an export or the checkpoint a training run wrote ({@code outputs/vae/best_model}; a
 * checkpoint is read as a Bernoulli decoder unless {@link #fromCheckpoint} is given the
 * settings). Thread-safe; close it; calls after {@link #close()} throw
 * {@link IllegalStateException}; wrong sizes throw {@link IllegalArgumentException}.
 */
public final class EmbeddedVae implements AutoCloseable {
  private static final List<String> SIGNATURES =
      List.of(Signatures.ENCODE, Signatures.DECODE, Signatures.SAMPLE, Signatures.DEFAULT);

  /** The encoder's posterior for n images: means and log variances, {@code [n][L]} each. */
  public record Encoding(float[][] mean, float[][] logVar) {
  }

  private final ModelHandle model;
  private final long[] image;
  private final long[] latent;

  private EmbeddedVae(ModelHandle model) {
    this.model = model;
    try {
      this.image = model.rowShape(Signatures.ENCODE, Signatures.X);
      this.latent = model.rowShape(Signatures.DECODE, Signatures.Z);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** Opens an export or a training checkpoint (sizes read from it, Bernoulli decoder). */
  public static EmbeddedVae load(Path dir) {
    return new EmbeddedVae(ModelHandle.open(dir, new VaePlugin(), CheckpointHints.none(), SIGNATURES));
  }

  /**
   * Opens the checkpoint of a model trained with {@code settings}. A checkpoint that keeps its
   * settings (as training runs write them) must agree with {@code settings} on the network and the
   * decoder's likelihood. The layers multiply in {@code settings.precision()} — the caller's choice,
   * not the checkpoint's: its variables are float32 either way — as {@code --precision} does in
   * training.
   *
   * @throws org.genmodels.shared.cli.UserException for bf16 on a CPU without bfloat16 instructions
   *         (see {@link CpuFeatures#requireBf16}), or settings that contradict the checkpoint
   */
  public static EmbeddedVae fromCheckpoint(Path dir, VaeSettings settings) {
    CpuFeatures.require(settings.precision());
    return fromCheckpointOnAnyCpu(dir, settings);
  }

  /** {@link #fromCheckpoint} without the CPU check: for tests, where TensorFlow emulates bf16. */
  static EmbeddedVae fromCheckpointOnAnyCpu(Path dir, VaeSettings settings) {
    VaeSettings s = StoredSettings.apply(dir, settings, VaeSettings::config, VaeSettings::withConfig,
        ModelHandle.settingsGiven("hidden", "latent", "reconstruction"));
    return new EmbeddedVae(ModelHandle.checked(ServingSession.build(VaeServing.of(s).with(settings.precision()), dir),
        new VaePlugin(), SIGNATURES));
  }

  /** Dimensions of the latent. */
  public int latentSize() {
    return (int) latent[0];
  }

  /** The posterior of {@code images}. */
  public Encoding encode(float[][] images) {
    try (TFloat32 x = Rows.tensor(images, image, "image")) {
      List<float[][]> out = model.run(Signatures.ENCODE, Map.of(Signatures.X, x),
          List.of(Signatures.Z_MEAN, Signatures.Z_LOG_VAR));
      return new Encoding(out.get(0), out.get(1));
    }
  }

  /** The images of {@code latents}: {@code [n][784]}. */
  public float[][] decode(float[][] latents) {
    try (TFloat32 z = Rows.tensor(latents, latent, "latent")) {
      return model.run(Signatures.DECODE, Map.of(Signatures.Z, z), Signatures.IMAGES);
    }
  }

  /** The images of the posterior means of {@code images}, in one run: {@code [n][784]}. */
  public float[][] reconstruct(float[][] images) {
    try (TFloat32 x = Rows.tensor(images, image, "image")) {
      return model.run(Signatures.DEFAULT, Map.of(Signatures.X, x), Signatures.RECONSTRUCTION);
    }
  }

  /**
   * {@code n} images decoded from z ~ N(0, I) drawn in the graph from {@code seed}: the same seed
   * gives the same images here, in {@code Vae.sample} and in the export's {@code sample} signature.
   */
  public float[][] sample(int n, long seed) {
    return model.sample(n, seed);
  }

  /** Waits for calls in flight and frees the model; idempotent. */
  @Override
  public void close() {
    model.close();
  }
}
