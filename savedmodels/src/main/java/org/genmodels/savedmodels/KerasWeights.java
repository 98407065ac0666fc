package org.genmodels.savedmodels;

import java.nio.file.Path;
import java.util.List;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.nn.Initializer;
import org.genmodels.shared.tf.CheckpointReader;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;

/**
 * The weights of a Keras (TF2) SavedModel or checkpoint, read by object-graph path: the path of
 * attribute names from the root object to the variable, e.g. {@code layer_with_weights-0/kernel}
 * for a Sequential's first Dense layer, {@code encoder/layer_with_weights-1/bias} inside a
 * subclassed model's {@code encoder} attribute, {@code fc1/kernel} for a layer attribute. The
 * checkpoint key is the path plus {@value #SUFFIX}. Kernels are Keras' layouts: {@code [in, out]}
 * for Dense, HWIO for Conv2D, {@code [k, k, out, in]} for Conv2DTranspose — those of the shared
 * layers. Immutable and thread-safe.
 */
public final class KerasWeights {
  /** What TF2 appends to an object path to name the variable's value in a checkpoint. */
  public static final String SUFFIX = "/.ATTRIBUTES/VARIABLE_VALUE";

  private final CheckpointReader reader;

  private KerasWeights(CheckpointReader reader) {
    this.reader = reader;
  }

  /** The weights of the SavedModel (or checkpoint directory) {@code dir}. */
  public static KerasWeights open(Path dir) {
    return new KerasWeights(CheckpointReader.open(dir));
  }

  /** The object paths of every float variable, in key order (optimizer slots included). */
  public List<String> paths() {
    return reader.keys().stream().filter(k -> k.endsWith(SUFFIX))
        .filter(k -> reader.require(k).dtype() == DataType.DT_FLOAT)
        .map(k -> k.substring(0, k.length() - SUFFIX.length())).toList();
  }

  /** Whether a variable lies at {@code path}. */
  public boolean has(String path) {
    return reader.entry(path + SUFFIX).isPresent();
  }

  /** The shape of the variable at {@code path}. */
  public Shape shape(String path) {
    return entry(path).shape();
  }

  /** The values of the variable at {@code path}, row-major. */
  public float[] values(String path) {
    entry(path);
    return reader.floats(path + SUFFIX);
  }

  /**
   * An initializer that sets a variable to the values at {@code path}: the hook by which a graph
   * rebuilt from the shared layers takes Keras' weights.
   *
   * @throws UserException (when the graph is built) if the variable's shape differs
   */
  public Initializer initializer(String path) {
    return (tf, shape, seeds) -> {
      Shape stored = shape(path);
      if (!stored.equals(shape)) {
        throw new UserException("the Keras weight " + path + " is " + stored + " but the layer built for it"
            + " needs " + shape + ": the architecture differs");
      }
      return tf.constant(shape, DataBuffers.of(values(path), true, false));
    };
  }

  /** The underlying checkpoint. */
  public CheckpointReader checkpoint() {
    return reader;
  }

  private CheckpointReader.Entry entry(String path) {
    return reader.entry(path + SUFFIX).orElseThrow(() -> new UserException("no Keras variable at "
        + path + " in " + reader.prefix() + "; its variables are " + String.join(", ", paths())));
  }
}
