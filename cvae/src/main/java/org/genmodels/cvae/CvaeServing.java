package org.genmodels.cvae;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.model.Signatures;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.tf.CheckpointReader;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The conv VAE's and CVAE's inference graph ({@link CvaeNetwork}). Images are
 * {@code [n, 28, 28, 1]} in [-1, 1]; labels int32 {@code [n]} in 0..9, an input of every
 * signature of the conditional model. Signatures: {@code encode} (x → z_mean, z_log_var),
 * {@code decode} (z → images), {@code serving_default} (x → the images of the posterior means),
 * and {@code generate} (labels, z → images) for the conditional model or {@code sample}
 * (count, seed → images of z ~ N(0, I)) for the unconditional one.
 *
 * @param settings the model's settings; only the architecture ({@code conditional},
 *                 {@code latentSize}, {@code channels}, {@code slope}) and the precision matter
 *                 here: bf16 runs the graph through {@link #bf16Rewrite()}, and leaves the graph
 *                 itself (what an export holds) float32
 */
public record CvaeServing(CvaeSettings settings) implements ServingModel {
  /** The image's shape without the batch. */
  public static final long[] IMAGE = {CvaeNetwork.SIZE, CvaeNetwork.SIZE, 1};

  /** The architecture a checkpoint's variable shapes describe, with LeakyReLU slope {@code slope}. */
  static CvaeServing fromCheckpoint(CheckpointReader r, float slope) {
    boolean conditional = r.entry("encoder/label_map/kernel").isPresent();
    long channels = r.require("encoder/conv1/kernel").shape().get(3);
    long latent = r.require("encoder/z_mean/kernel").shape().get(1);
    return new CvaeServing(CvaeSettings.builder().conditional(conditional).latentSize((int) latent)
        .channels((int) channels).slope(slope).build());
  }

  /** Whether {@code settings} ask for bf16: then the session rewrites the graph's convolutions. */
  @Override
  public boolean bf16Rewrite() {
    return settings.precision() == Precision.BF16;
  }

  @Override
  public ModelPlugin plugin() {
    return new CvaePlugin();
  }

  @Override
  public List<Signature> build(Ops tf, Parameters params) {
    CvaeNetwork network = CvaeNetwork.create(tf, params, settings);
    boolean conditional = settings.conditional();
    Placeholder<TFloat32> x = Signatures.rows(tf, Signatures.X, IMAGE);
    Placeholder<TFloat32> z = Signatures.rows(tf, Signatures.Z, settings.latentSize());
    Placeholder<TInt32> labels = conditional
        ? tf.withName(Signatures.LABELS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))) : null;
    Operand<TFloat32> oneHot = conditional
        ? tf.withName("one_hot").oneHot(labels, tf.constant(CvaeSettings.CLASSES), tf.constant(1f), tf.constant(0f))
        : null;

    CvaeNetwork.Posterior posterior = network.encode(x, oneHot);
    Operand<TFloat32> mean = tf.withName(Signatures.Z_MEAN).identity(posterior.mean());
    Operand<TFloat32> logVar = tf.withName(Signatures.Z_LOG_VAR).identity(posterior.logVar());
    Operand<TFloat32> images = tf.withName(Signatures.IMAGES).identity(network.decode(z, oneHot));
    Operand<TFloat32> reconstruction = tf.withName(Signatures.RECONSTRUCTION).identity(network.decode(mean, oneHot));

    List<Signature> out = new ArrayList<>();
    out.add(labelled(Signatures.predict(Signatures.ENCODE).input(Signatures.X, x), labels)
        .output(Signatures.Z_MEAN, mean).output(Signatures.Z_LOG_VAR, logVar).build());
    out.add(labelled(Signatures.predict(Signatures.DECODE).input(Signatures.Z, z), labels)
        .output(Signatures.IMAGES, images).build());
    out.add(labelled(Signatures.predict(Signatures.DEFAULT).input(Signatures.X, x), labels)
        .output(Signatures.RECONSTRUCTION, reconstruction).build());
    if (conditional) {
      out.add(Signatures.predict(Signatures.GENERATE).input(Signatures.LABELS, labels).input(Signatures.Z, z)
          .output(Signatures.IMAGES, images).build());
    } else {
      Signatures.SampleInputs sample = Signatures.SampleInputs.create(tf);
      Operand<TFloat32> samples = tf.withName("samples").identity(
          network.decode(sample.standardNormal(tf, settings.latentSize()), null));
      out.add(sample.addTo(Signatures.predict(Signatures.SAMPLE)).output(Signatures.IMAGES, samples).build());
    }
    return out;
  }

  private static Signature.Builder labelled(Signature.Builder b, Placeholder<TInt32> labels) {
    return labels == null ? b : b.input(Signatures.LABELS, labels);
  }
}
