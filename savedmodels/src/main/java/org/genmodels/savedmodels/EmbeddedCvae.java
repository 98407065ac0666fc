package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.genmodels.cvae.Cvae;
import org.genmodels.cvae.CvaePlugin;
import org.genmodels.cvae.CvaeServing;
import org.genmodels.cvae.CvaeSettings;
import org.genmodels.shared.model.CheckpointHints;
import org.genmodels.shared.model.Signatures;
import org.genmodels.shared.nn.CpuFeatures;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.train.StoredSettings;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A trained conv VAE or conditional VAE (seed 002) for JVM applications, on plain arrays: images
 * are rows of 784 values in [-1, 1] (a 28×28 image, row-major), latents rows of
 * {@link #latentSize()} values, labels one int in 0..9 per row — required by every method of the
 * conditional model, ignored (and may be null) for the unconditional one.
 *
 * <p>Loads an export or the checkpoint a training run wrote ({@code outputs/cvae/checkpoint}).
 * Thread-safe; close it; calls after {@link #close()} throw {@link IllegalStateException}; wrong
 * sizes or labels throw {@link IllegalArgumentException}.
 */
public final class EmbeddedCvae implements AutoCloseable {
  private static final List<String> SIGNATURES = List.of(Signatures.ENCODE, Signatures.DECODE, Signatures.DEFAULT);

  /** The encoder's posterior for n images: means and log variances, {@code [n][L]} each. */
  public record Encoding(float[][] mean, float[][] logVar) {
  }

  private final ModelHandle model;
  private final boolean conditional;
  private final long[] image;
  private final long[] latent;

  private EmbeddedCvae(ModelHandle model) {
    this.model = model;
    try {
      this.conditional = model.has(Signatures.GENERATE);
      this.image = model.rowShape(Signatures.ENCODE, Signatures.X);
      this.latent = model.rowShape(Signatures.DECODE, Signatures.Z);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** Opens an export or a training checkpoint (architecture read from it, LeakyReLU slope 0.01). */
  public static EmbeddedCvae load(Path dir) {
    return new EmbeddedCvae(ModelHandle.open(dir, new CvaePlugin(), CheckpointHints.none(), SIGNATURES));
  }

  /**
   * {@link #load(Path)}, the model running in {@code precision}: bf16 through TensorFlow's rewrite
   * of the served graph ({@link ServingSession#load(Path, List, boolean)}), the same as
   * {@link #fromCheckpoint} with bf16 settings computes from the checkpoint.
   *
   * @throws org.genmodels.shared.cli.UserException for bf16 on a CPU without bfloat16 instructions
   *         (see {@link CpuFeatures#requireBf16}), or as {@link #load(Path)}
   */
  public static EmbeddedCvae load(Path dir, Precision precision) {
    CpuFeatures.require(precision);
    return loadOnAnyCpu(dir, precision);
  }

  /** {@link #load(Path, Precision)} without the CPU check: for tests, where TensorFlow emulates bf16. */
  static EmbeddedCvae loadOnAnyCpu(Path dir, Precision precision) {
    return new EmbeddedCvae(ModelHandle.open(dir, new CvaePlugin(), CheckpointHints.none(), SIGNATURES,
        precision == Precision.BF16));
  }

  /**
   * Opens the checkpoint of a model trained with {@code settings}. A checkpoint that keeps its
   * settings (as training runs write them) must agree with {@code settings} on the network. The
   * model runs in {@code settings.precision()}, whatever the checkpoint trained in: bf16 through
   * TensorFlow's rewrite ({@link org.genmodels.shared.tf.Bf16Rewrite}).
   *
   * @throws org.genmodels.shared.cli.UserException for bf16 on a CPU without bfloat16 instructions
   *         (see {@link CpuFeatures#requireBf16}), or settings that contradict the checkpoint
   */
  public static EmbeddedCvae fromCheckpoint(Path dir, CvaeSettings settings) {
    CpuFeatures.require(settings.precision());
    return fromCheckpointOnAnyCpu(dir, settings);
  }

  /** {@link #fromCheckpoint} without the CPU check: for tests, where TensorFlow emulates bf16. */
  static EmbeddedCvae fromCheckpointOnAnyCpu(Path dir, CvaeSettings settings) {
    CvaeSettings s = StoredSettings.apply(dir, settings, CvaeSettings::config, CvaeSettings::withConfig,
        ModelHandle.settingsGiven("conditional", "latent", "channels", "slope"));
    // the caller's precision, not the checkpoint's: the weights are float32 whatever the run trained in
    return new EmbeddedCvae(ModelHandle.checked(ServingSession.build(new CvaeServing(
        s.toBuilder().precision(settings.precision()).build()), dir), new CvaePlugin(), SIGNATURES));
  }

  /** Whether labels condition the model. */
  public boolean isConditional() {
    return conditional;
  }

  /** Dimensions of the latent. */
  public int latentSize() {
    return (int) latent[0];
  }

  /** The posterior of {@code images} (with their labels). */
  public Encoding encode(float[][] images, int[] labels) {
    try (TFloat32 x = Rows.tensor(images, image, "image"); TInt32 l = labels(labels, images.length)) {
      List<float[][]> out = model.run(Signatures.ENCODE, inputs(Signatures.X, x, l),
          List.of(Signatures.Z_MEAN, Signatures.Z_LOG_VAR));
      return new Encoding(out.get(0), out.get(1));
    }
  }

  /** The images of {@code latents} (with labels): {@code [n][784]} in [-1, 1]. */
  public float[][] decode(float[][] latents, int[] labels) {
    try (TFloat32 z = Rows.tensor(latents, latent, "latent"); TInt32 l = labels(labels, latents.length)) {
      return model.run(Signatures.DECODE, inputs(Signatures.Z, z, l), Signatures.IMAGES);
    }
  }

  /** The images of the posterior means of {@code images}, in one run: {@code [n][784]}. */
  public float[][] reconstruct(float[][] images, int[] labels) {
    try (TFloat32 x = Rows.tensor(images, image, "image"); TInt32 l = labels(labels, images.length)) {
      return model.run(Signatures.DEFAULT, inputs(Signatures.X, x, l), Signatures.RECONSTRUCTION);
    }
  }

  /**
   * {@code n} images of class {@code label} from the conditional model, decoded from z ~ N(0, I)
   * drawn with {@code seed} as {@code Cvae.generate} draws it: the same images as the trained
   * model's {@code generate(label, n, seed)}.
   *
   * @throws IllegalStateException for the unconditional model (use {@link #sample})
   */
  public float[][] generate(int label, int n, long seed) {
    if (!conditional) {
      throw new IllegalStateException("the unconditional conv VAE takes no label: use sample(n, seed)");
    }
    int[] labels = new int[n];
    Arrays.fill(labels, label);
    float[] flat = Cvae.standardNormal(Math.multiplyExact(n, latentSize()), seed);
    float[][] z = new float[n][];
    for (int i = 0; i < n; i++) {
      z[i] = Arrays.copyOfRange(flat, i * latentSize(), (i + 1) * latentSize());
    }
    try (TFloat32 zt = Rows.tensor(z, latent, "latent"); TInt32 l = Rows.labels(labels, n, CvaeSettings.CLASSES)) {
      return model.run(Signatures.GENERATE, Map.of(Signatures.Z, zt, Signatures.LABELS, l), Signatures.IMAGES);
    }
  }

  /**
   * {@code n} images from the unconditional model, decoded from z ~ N(0, I) drawn in the graph
   * from {@code seed}, as the export's {@code sample} signature does.
   *
   * @throws IllegalStateException for the conditional model (use {@link #generate})
   */
  public float[][] sample(int n, long seed) {
    if (conditional) {
      throw new IllegalStateException("the conditional VAE samples one class at a time: use generate(label, n, seed)");
    }
    return model.sample(n, seed);
  }

  /** Waits for calls in flight and frees the model; idempotent. */
  @Override
  public void close() {
    model.close();
  }

  /** The labels as a tensor for the conditional model; null (nothing to feed) for the other. */
  private TInt32 labels(int[] labels, int n) {
    return conditional ? Rows.labels(labels, n, CvaeSettings.CLASSES) : null;
  }

  /** {@code name → rows}, plus the labels when there are any. */
  private static Map<String, Tensor> inputs(String name, TFloat32 rows, TInt32 labels) {
    Map<String, Tensor> in = new HashMap<>();
    in.put(name, rows);
    if (labels != null) {
      in.put(Signatures.LABELS, labels);
    }
    return in;
  }
}
