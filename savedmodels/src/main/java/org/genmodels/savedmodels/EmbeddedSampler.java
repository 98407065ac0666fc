package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.genmodels.diffusion.DdpmServing;
import org.genmodels.diffusion.DiffusionPlugin;
import org.genmodels.diffusion.DiffusionSettings;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.model.CheckpointHints;
import org.genmodels.shared.model.Signatures;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.train.StoredSettings;

/**
 * Any of this project's models that sample images from a seed — the VAE, the unconditional conv
 * VAE, the DDPM, and every model whose export serves a {@code sample} signature (count, seed →
 * images) — for JVM applications that only generate. Images come back as rows, each
 * image row-major (channels last).
 *
 * <p>Thread-safe; close it; calls after {@link #close()} throw {@link IllegalStateException}.
 */
public final class EmbeddedSampler implements AutoCloseable {
  private final ModelHandle model;
  private final long[] image;

  private EmbeddedSampler(ModelHandle model) {
    this.model = model;
    try {
      long[] out = model.session().signature(Signatures.SAMPLE).output(Signatures.IMAGES).orElseThrow(() ->
          new UserException(model.session().source() + ": signature 'sample' has no output 'images'")).shape();
      this.image = Arrays.copyOfRange(out, 1, out.length);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** Opens an export or a training checkpoint of any model that serves {@code sample}. */
  public static EmbeddedSampler load(Path dir) {
    return new EmbeddedSampler(ModelHandle.open(dir, null, CheckpointHints.none(), List.of(Signatures.SAMPLE)));
  }

  /**
   * {@link #load(Path)}, sampling in {@code precision}: bf16 through TensorFlow's rewrite of the
   * served graph ({@link ServingSession#load(Path, List, boolean)}), which halved the DDPM's
   * sampling time on a CPU with AMX; for the dense VAE the rewrite measured slower than float32 there
   * (in training), and {@link EmbeddedVae#fromCheckpoint} casts instead. A DDPM export samples in bf16 what
   * {@link #fromCheckpoint} samples in bf16 from its checkpoint.
   *
   * @throws UserException for bf16 on a CPU without bfloat16 instructions (see
   *         {@link CpuFeatures#requireBf16}), or as {@link #load(Path)}
   */
  public static EmbeddedSampler load(Path dir, Precision precision) {
    CpuFeatures.require(precision);
    return loadOnAnyCpu(dir, precision);
  }

  /** {@link #load(Path, Precision)} without the CPU check: for tests, where TensorFlow emulates bf16. */
  static EmbeddedSampler loadOnAnyCpu(Path dir, Precision precision) {
    return new EmbeddedSampler(ModelHandle.open(dir, null, CheckpointHints.none(), List.of(Signatures.SAMPLE),
        precision == Precision.BF16));
  }

  /**
   * Opens the checkpoint of a DDPM trained with {@code settings}. A checkpoint that keeps its
   * settings (as training runs write them) must agree with {@code settings} on the network and the
   * schedule. It samples in {@code settings.precision()}, whatever the checkpoint trained in: bf16
   * through TensorFlow's rewrite ({@link org.genmodels.shared.tf.Bf16Rewrite}), as
   * {@code diffusion sample --precision bf16} does. In float32 it convolves as the training graph
   * samples ({@link DdpmServing#inProcess()}: the same pixels; on TensorFlow's generic conv where
   * {@code ConvChoice} picks it, in 0.72× the time of {@code Conv2D}'s on an AMD Zen 5); an export,
   * on {@code Conv2D}, draws them within 1e-5. {@link #load} of a checkpoint samples likewise.
   *
   * @throws UserException for bf16 on a CPU without bfloat16 instructions (see
   *         {@link CpuFeatures#requireBf16}), a checkpoint of another model, or settings that
   *         contradict the checkpoint
   */
  public static EmbeddedSampler fromCheckpoint(Path dir, DiffusionSettings settings) {
    CpuFeatures.require(settings.precision());
    return fromCheckpointOnAnyCpu(dir, settings);
  }

  /** {@link #fromCheckpoint} without the CPU check: for tests, where TensorFlow emulates bf16. */
  static EmbeddedSampler fromCheckpointOnAnyCpu(Path dir, DiffusionSettings settings) {
    DiffusionSettings s = StoredSettings.apply(dir, settings, DiffusionSettings::config, DiffusionSettings::withConfig,
        ModelHandle.settingsGiven("widths", "channels", "image_size", "time_embedding", "timesteps", "beta_start",
            "beta_end", "clamp_every_step", "ema"));
    // the caller's precision, not the checkpoint's: the weights are float32 whatever the run trained in
    return new EmbeddedSampler(ModelHandle.checked(ServingSession.build(
        DdpmServing.of(s).with(settings.precision()).inProcess(), dir), new DiffusionPlugin(),
        List.of(Signatures.SAMPLE)));
  }

  /** The shape of one image, e.g. {@code [784]} or {@code [28, 28, 1]}. */
  public long[] imageShape() {
    return image.clone();
  }

  /** {@code n} images drawn with {@code seed}; the same seed gives the same images. */
  public float[][] sample(int n, long seed) {
    return model.sample(n, seed);
  }

  /** Waits for calls in flight and frees the model; idempotent. */
  @Override
  public void close() {
    model.close();
  }
}
