package org.genmodels.shared.judge;

import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.nn.Activation;
import org.genmodels.shared.nn.Conv2D;
import org.genmodels.shared.nn.Dense;
import org.genmodels.shared.nn.ImageInput;
import org.genmodels.shared.nn.LabelInput;
import org.genmodels.shared.nn.Padding;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.nn.WeightInit;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The judge's graph: a small convolutional classifier for 28×28 gray images, the "simple convnet"
 * of the Keras MNIST example — Conv 3×3 32 relu → max-pool 2 → Conv 3×3 64 relu → max-pool 2 →
 * Dense 128 relu (the {@code features}) → Dense 10 (logits) — with Keras' initializers and
 * softmax cross-entropy. (The example's dropout made 6 epochs of Fashion-MNIST worse, 90.8 % against
 * 91.6 %, so it is left out.)
 *
 * @param input       images {@code [B, 28, 28, 1]} in [0, 1] (bytes {@code pixels} or floats {@code x})
 * @param labels      class labels {@code [B]}, for the loss and accuracy
 * @param features    the penultimate layer {@code [B, 128]}, the judge's view of an image
 * @param logits      class scores {@code [B, 10]}
 * @param predictions the arg-max class {@code [B]} (int64)
 * @param loss        mean softmax cross-entropy over the batch
 * @param accuracy    share of the batch classified right
 * @param params      the model's variables
 */
public record JudgeModel(ImageInput input, LabelInput labels, Operand<TFloat32> features,
                         Operand<TFloat32> logits, Operand<TInt64> predictions, Operand<TFloat32> loss,
                         Operand<TFloat32> accuracy, Parameters params) {
  /** Width of {@link #features}. */
  public static final int FEATURES = 128;
  /**
   * Changes whenever the architecture or its training does, so stale caches are retrained. v3: the
   * MNIST judge's last two epochs at a tenth of the rate (Fashion-MNIST's is trained as in v2).
   */
  public static final String VERSION = "v3";
  private static final int CLASSES = 10;

  /** Builds the classifier into {@code tf}'s graph. */
  public static JudgeModel build(Ops tf, Seeds seeds) {
    Parameters params = new Parameters(seeds);
    ImageInput input = ImageInput.create(tf, PixelRange.UNIT, 28, 28, 1);
    LabelInput labels = LabelInput.create(tf, CLASSES);
    Ops j = tf.withSubScope("judge");
    Conv2D conv1 = Conv2D.create(j, params, "conv1", 1, 32, 3, 1, Padding.SAME, Activation.RELU, WeightInit.KERAS);
    Conv2D conv2 = Conv2D.create(j, params, "conv2", 32, 64, 3, 1, Padding.SAME, Activation.RELU, WeightInit.KERAS);
    Dense fc = Dense.create(j, params, "fc", 7 * 7 * 64, FEATURES, Activation.RELU, WeightInit.KERAS);
    Dense out = Dense.create(j, params, "logits", FEATURES, CLASSES, Activation.LINEAR, WeightInit.KERAS);

    Operand<TFloat32> flat = j.reshape(pool(j, conv2.apply(j, pool(j, conv1.apply(j, input.x())))),
        j.constant(new int[] {-1, 7 * 7 * 64}));
    Operand<TFloat32> features = tf.withName("features").identity(fc.apply(j, flat));
    Operand<TFloat32> logits = tf.withName("logits").identity(out.apply(j, features));
    Operand<TFloat32> loss = tf.withName("loss").identity(crossEntropy(j, labels, logits));

    Operand<TInt64> predictions = tf.withName("predictions").math.argMax(logits, j.constant(1));
    Operand<TFloat32> right = j.dtypes.cast(j.math.equal(predictions,
        j.dtypes.cast(labels.labels(), TInt64.class)), TFloat32.class);
    Operand<TFloat32> accuracy = tf.withName("accuracy").math.mean(right, j.constant(0));
    return new JudgeModel(input, labels, features, logits, predictions, loss, accuracy, params);
  }

  private static Operand<TFloat32> crossEntropy(Ops tf, LabelInput labels, Operand<TFloat32> logits) {
    return tf.math.neg(tf.math.mean(tf.sum(tf.math.mul(labels.oneHot(), tf.nn.logSoftmax(logits)),
        tf.constant(1)), tf.constant(0)));
  }

  private static Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x) {
    return tf.nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
  }
}
