package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.genmodels.ae.AutoencoderPlugin;
import org.genmodels.ae.AutoencoderServing;
import org.genmodels.ae.AutoencoderSettings;
import org.genmodels.shared.model.CheckpointHints;
import org.genmodels.shared.model.Signatures;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.train.StoredSettings;
import org.tensorflow.types.TFloat32;

/**
 * A trained dense autoencoder for JVM applications, on plain arrays: images are rows of 784
 * values in [0, 1] (a 28×28 image, row-major), codes rows of {@link #codeSize()} values.
 *
 * <p>Loads an export ({@link ModelExport}, or {@code savedmodels export}) or the checkpoint a
 * training run wrote ({@code outputs/ae/checkpoint}). Thread-safe: call it from any number of
 * threads. Close it to free its native memory; calls after {@link #close()} throw
 * {@link IllegalStateException}. Wrong sizes throw {@link IllegalArgumentException} naming the
 * row.
 */
public final class EmbeddedAutoencoder implements AutoCloseable {
  private static final List<String> SIGNATURES = List.of(Signatures.ENCODE, Signatures.DECODE, Signatures.DEFAULT);

  private final ModelHandle model;
  private final long[] image;
  private final long[] code;

  private EmbeddedAutoencoder(ModelHandle model) {
    this.model = model;
    try {
      this.image = model.rowShape(Signatures.ENCODE, Signatures.X);
      this.code = model.rowShape(Signatures.DECODE, Signatures.Z);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** Opens an export or a training checkpoint (its layer sizes read from the checkpoint). */
  public static EmbeddedAutoencoder load(Path dir) {
    return new EmbeddedAutoencoder(ModelHandle.open(dir, new AutoencoderPlugin(), CheckpointHints.none(), SIGNATURES));
  }

  /**
   * Opens the checkpoint of a model trained with {@code settings}. A checkpoint that keeps its
   * settings (as training runs write them) must agree with {@code settings} on the network's sizes.
   * The layers multiply in {@code settings.precision()} — the caller's choice, not the checkpoint's:
   * its variables are float32 either way — as {@code --precision} does in training.
   *
   * @throws org.genmodels.shared.cli.UserException for bf16 on a CPU without bfloat16 instructions
   *         (see {@link CpuFeatures#requireBf16}), or sizes that contradict the checkpoint
   */
  public static EmbeddedAutoencoder fromCheckpoint(Path dir, AutoencoderSettings settings) {
    CpuFeatures.require(settings.precision());
    return fromCheckpointOnAnyCpu(dir, settings);
  }

  /** {@link #fromCheckpoint} without the CPU check: for tests, where TensorFlow emulates bf16. */
  static EmbeddedAutoencoder fromCheckpointOnAnyCpu(Path dir, AutoencoderSettings settings) {
    AutoencoderSettings s = StoredSettings.apply(dir, settings, AutoencoderSettings::config,
        AutoencoderSettings::withConfig, ModelHandle.settingsGiven("hidden", "code_size"));
    return new EmbeddedAutoencoder(ModelHandle.checked(ServingSession.build(
        AutoencoderServing.of(s).with(settings.precision()), dir), new AutoencoderPlugin(), SIGNATURES));
  }

  /** Values per code. */
  public int codeSize() {
    return (int) code[0];
  }

  /** The codes of {@code images}: {@code [n][codeSize]}. */
  public float[][] encode(float[][] images) {
    try (TFloat32 x = Rows.tensor(images, image, "image")) {
      return model.run(Signatures.ENCODE, Map.of(Signatures.X, x), Signatures.CODE);
    }
  }

  /** The images of {@code codes}: {@code [n][784]} in [0, 1]. */
  public float[][] decode(float[][] codes) {
    try (TFloat32 z = Rows.tensor(codes, code, "code")) {
      return model.run(Signatures.DECODE, Map.of(Signatures.Z, z), Signatures.IMAGES);
    }
  }

  /** {@code decode(encode(images))} in one run: {@code [n][784]}. */
  public float[][] reconstruct(float[][] images) {
    try (TFloat32 x = Rows.tensor(images, image, "image")) {
      return model.run(Signatures.DEFAULT, Map.of(Signatures.X, x), Signatures.RECONSTRUCTION);
    }
  }

  /** Waits for calls in flight and frees the model; idempotent. */
  @Override
  public void close() {
    model.close();
  }
}
