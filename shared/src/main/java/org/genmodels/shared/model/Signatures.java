package org.genmodels.shared.model;

import org.genmodels.shared.nn.Gaussian;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The names the project's exports use, so that Python, TF Serving and the embedding API agree:
 * signature keys, input and output names, and the helpers that build the common parts. Used by
 * every model's {@link ServingModel}.
 *
 * <pre>
 *   encode           x [n, …image] (+ labels int32 [n])   → code [n, C]  or  z_mean, z_log_var [n, L]
 *   decode           z [n, L] (+ labels)                    → images [n, …image]
 *   serving_default  x (+ labels)                           → reconstruction [n, …image]
 *   sample           count int32 [], seed int64 []          → images [count, …image]
 *   generate         labels int32 [n], z [n, L]             → images [n, …image]   (conditional)
 * </pre>
 */
public final class Signatures {
  /** The method name TF Serving's Predict API uses. */
  public static final String PREDICT = "tensorflow/serving/predict";

  public static final String ENCODE = "encode";
  public static final String DECODE = "decode";
  public static final String DEFAULT = Signature.DEFAULT_KEY;
  public static final String SAMPLE = "sample";
  public static final String GENERATE = "generate";

  public static final String X = "x";
  public static final String Z = "z";
  public static final String LABELS = "labels";
  public static final String COUNT = "count";
  public static final String SEED = "seed";
  public static final String CODE = "code";
  public static final String Z_MEAN = "z_mean";
  public static final String Z_LOG_VAR = "z_log_var";
  public static final String IMAGES = "images";
  public static final String RECONSTRUCTION = "reconstruction";

  private Signatures() {
  }

  /** A predict signature builder with key {@code key}. */
  public static Signature.Builder predict(String key) {
    return Signature.builder().key(key).methodName(PREDICT);
  }

  /** A float placeholder {@code name} of shape {@code [-1, ...row]}. */
  public static Placeholder<TFloat32> rows(Ops tf, String name, long... row) {
    long[] dims = new long[row.length + 1];
    dims[0] = -1;
    System.arraycopy(row, 0, dims, 1, row.length);
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(dims)));
  }

  /** The {@code count} and {@code seed} scalars of a {@code sample} signature. */
  public record SampleInputs(Placeholder<TInt32> count, Placeholder<TInt64> seed) {
    public static SampleInputs create(Ops tf) {
      return new SampleInputs(tf.withName(COUNT).placeholder(TInt32.class, Placeholder.shape(Shape.scalar())),
          tf.withName(SEED).placeholder(TInt64.class, Placeholder.shape(Shape.scalar())));
    }

    /**
     * {@code count} draws of N(0, I) in {@code dims} dimensions, {@code [count, dims]}: the
     * VAE's own prior sample ({@link Gaussian#priorSample}), so the same seed gives the same
     * latents in Java, in Python and in TF Serving.
     */
    public Operand<TFloat32> standardNormal(Ops tf, long... dims) {
      return Gaussian.priorSample(tf, count, seed, dims);
    }

    /** Adds {@code count} and {@code seed} to a signature. */
    public Signature.Builder addTo(Signature.Builder b) {
      return b.input(COUNT, count).input(SEED, seed);
    }
  }
}
