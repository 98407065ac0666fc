package org.genmodels.ae;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.model.ModelPlugin;
import org.genmodels.shared.model.ServingModel;
import org.genmodels.shared.model.Signatures;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Precision;
import org.genmodels.shared.tf.CheckpointReader;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The dense autoencoder's inference graph ({@link AutoencoderNetwork}): {@code encode} (x → code),
 * {@code decode} (z → images, {@code sigmoid} of the logits) and {@code serving_default}
 * (x → reconstruction). Images are {@code [n, 784]} in [0, 1].
 * The layers multiply in {@code precision}, float32 unless asked: the variables are float32 either
 * way, so a run trained with {@code --precision bf16} exports a float32 graph (its products differ
 * from the training graph's by bfloat16's rounding, about 2^-9 relative), and the embedding API
 * may serve any checkpoint in bf16 ({@link #with}).
 *
 * @param hiddenSizes the encoder's hidden widths (the decoder mirrors them)
 * @param codeSize    the code's width
 * @param precision   what the layers multiply in
 */
public record AutoencoderServing(List<Integer> hiddenSizes, int codeSize, Precision precision)
    implements ServingModel {
  public AutoencoderServing {
    hiddenSizes = List.copyOf(hiddenSizes);
    Objects.requireNonNull(precision, "precision");
  }

  /** A float32 graph. */
  public AutoencoderServing(List<Integer> hiddenSizes, int codeSize) {
    this(hiddenSizes, codeSize, Precision.FP32);
  }

  /** The float32 graph of the model {@code s} describes (what exports hold, whatever s's precision). */
  public static AutoencoderServing of(AutoencoderSettings s) {
    return new AutoencoderServing(s.hiddenSizes(), s.codeSize());
  }

  /** This graph multiplying in {@code p}. */
  public AutoencoderServing with(Precision p) {
    return new AutoencoderServing(hiddenSizes, codeSize, p);
  }

  /** As a record's, naming the precision only when it is not float32 (commands print it). */
  @Override
  public String toString() {
    return "AutoencoderServing[hiddenSizes=" + hiddenSizes + ", codeSize=" + codeSize
        + (precision == Precision.FP32 ? "" : ", precision=" + precision) + "]";
  }

  /** The architecture a checkpoint's variable shapes describe. */
  static AutoencoderServing fromCheckpoint(CheckpointReader r) {
    List<Integer> hidden = new ArrayList<>();
    for (int i = 0; r.entry("encoder/dense_" + i + "/kernel").isPresent(); i++) {
      hidden.add((int) r.require("encoder/dense_" + i + "/kernel").shape().get(1));
    }
    long[] code = r.require("encoder/code/kernel").shape().asArray();
    if (code.length != 2) {
      throw new UserException("encoder/code/kernel in " + r.prefix() + " is not a matrix: not an autoencoder checkpoint");
    }
    return new AutoencoderServing(hidden, (int) code[1]);
  }

  @Override
  public ModelPlugin plugin() {
    return new AutoencoderPlugin();
  }

  @Override
  public List<Signature> build(Ops tf, Parameters params) {
    AutoencoderNetwork network = AutoencoderNetwork.create(tf, params, hiddenSizes, codeSize, precision);
    Placeholder<TFloat32> x = Signatures.rows(tf, Signatures.X, AutoencoderNetwork.INPUT_SIZE);
    Placeholder<TFloat32> z = Signatures.rows(tf, Signatures.Z, codeSize);
    Operand<TFloat32> code = tf.withName(Signatures.CODE).identity(network.encode(x));
    Operand<TFloat32> images = tf.withName(Signatures.IMAGES).math.sigmoid(network.decodeLogits(z));
    Operand<TFloat32> reconstruction = tf.withName(Signatures.RECONSTRUCTION).math.sigmoid(network.decodeLogits(code));
    return List.of(
        Signatures.predict(Signatures.ENCODE).input(Signatures.X, x).output(Signatures.CODE, code).build(),
        Signatures.predict(Signatures.DECODE).input(Signatures.Z, z).output(Signatures.IMAGES, images).build(),
        Signatures.predict(Signatures.DEFAULT).input(Signatures.X, x)
            .output(Signatures.RECONSTRUCTION, reconstruction).build());
  }
}
