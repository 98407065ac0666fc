package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.genmodels.shared.cli.UserException;
import org.genmodels.shared.data.Batcher;
import org.genmodels.shared.data.ImageData;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.nn.Activation;
import org.genmodels.shared.nn.Dense;
import org.genmodels.shared.nn.Gaussian;
import org.genmodels.shared.nn.ImageInput;
import org.genmodels.shared.nn.Losses;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.tf.GlobalStep;
import org.genmodels.shared.tf.Tensors;
import org.genmodels.shared.testing.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A run that crashes after a checkpoint and is resumed in a new session ends bitwise where an
 * uninterrupted run ends: weights, optimizer state, per-step losses and the final test loss.
 */
class ResumeTest {
  private static final int EPOCHS = 3;
  private static final int BATCH = 32;
  private static final int CHECKPOINT_EVERY = 5;
  private static final long CRASH_AT = 13;

  @TempDir
  Path tmp;

  /** A tiny noisy autoencoder 784 → hidden → 4 (+ per-step noise) → 784. */
  private record Tiny(ImageInput input, Operand<TFloat32> loss, Parameters params) {
    static Tiny build(Ops tf, int hidden) {
      Seeds seeds = new Seeds(11);
      Parameters params = new Parameters(seeds);
      ImageInput input = ImageInput.create(tf, PixelRange.UNIT, 784);
      Dense enc = Dense.create(tf, params, "enc", 784, hidden, Activation.RELU);
      Dense code = Dense.create(tf, params, "code", hidden, 4, Activation.LINEAR);
      Dense dec = Dense.create(tf, params, "dec", 4, 784, Activation.LINEAR);
      Operand<TFloat32> eps = Gaussian.stepNormal(tf, Gaussian.batchShape(tf, input.x(), 4), seeds);
      Operand<TFloat32> z = tf.math.add(code.apply(tf, enc.apply(tf, input.x())),
          tf.math.mul(eps, tf.constant(0.5f)));
      Operand<TFloat32> loss = Losses.bceMean(tf, input.x(), dec.apply(tf, z));
      return new Tiny(input, loss, params);
    }

    static ModelSession<Tiny> session(int hidden) {
      return ModelSession.create(tf -> build(tf, hidden), (tf, m) -> TrainGraph.of(
          Adam.minimize(tf, m.loss(), m.params().trainableVariables(), Adam.Settings.keras(1e-2f)),
          List.of(new Metric("loss", m.loss()))));
    }
  }

  /** What a run leaves: the loss of every global step it took, the last test loss, the weights. */
  private record Outcome(TreeMap<Long, Double> losses, double testLoss, List<float[]> weights, long step) {
  }

  /** Records every step's loss; throws at {@code crashAt} (after the step), as a crash would. */
  private static TrainingListener recorder(TreeMap<Long, Double> losses, long crashAt) {
    return new TrainingListener() {
      @Override
      public void onStep(StepResult step) {
        losses.put(step.globalStep(), step.metrics().loss());
        if (step.globalStep() == crashAt) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
  }

  private static ImageData data() {
    ImageData mnist = TestData.mnist();
    return new ImageData(mnist.name(), mnist.train().head(256), mnist.test().head(200), mnist.source());
  }

  private Outcome train(ModelSession<Tiny> ms, long startStep, long crashAt, Path checkpoint) {
    ImageData data = data();
    ImageSet train = data.train();
    TreeMap<Long, Double> losses = new TreeMap<>();
    List<TrainingListener> listeners = new ArrayList<>();
    listeners.add(recorder(losses, crashAt));
    listeners.add(new CheckpointSaver(ms.session(), checkpoint, CHECKPOINT_EVERY, 1, null, null, line -> { }));
    Trainer trainer = ms.trainer(ms.model().input().feeder(), listeners);
    List<EpochResult> history = trainer.fitFrom(train, data.test(), new Batcher(train.count(), BATCH, true,
        false, 5), startStep, EPOCHS, 100);
    List<float[]> weights = new ArrayList<>();
    for (Parameters.Param p : ms.model().params().all()) {
      try (Result r = ms.session().runner().fetch(p.value()).run()) {
        weights.add(Tensors.toArray(r.get(0)));
      }
    }
    return new Outcome(losses, history.get(history.size() - 1).test().loss(), weights,
        GlobalStep.value(ms.session(), ms.trainGraph().globalStep()));
  }

  @Test
  void resumedRunIsBitwiseTheUninterruptedRun() {
    Outcome whole;
    try (ModelSession<Tiny> ms = Tiny.session(16)) {
      whole = train(ms, 0, -1, tmp.resolve("whole"));
    }
    assertEquals(EPOCHS * 8L, whole.step());
    Path checkpoint = tmp.resolve("crashed");
    try (ModelSession<Tiny> ms = Tiny.session(16)) {
      IllegalStateException crash = assertThrows(IllegalStateException.class,
          () -> train(ms, 0, CRASH_AT, checkpoint));
      assertEquals("simulated crash", crash.getMessage());
    }
    Outcome resumed;
    try (ModelSession<Tiny> ms = Tiny.session(16)) {
      long start = ms.resume(checkpoint);
      assertEquals(10, start, "the last checkpoint before the crash");
      resumed = train(ms, start, -1, checkpoint);
    }
    assertEquals(whole.losses().tailMap(11L), resumed.losses());
    assertEquals(whole.testLoss(), resumed.testLoss());
    assertEquals(whole.step(), resumed.step());
    for (int i = 0; i < whole.weights().size(); i++) {
      assertArrayEquals(whole.weights().get(i), resumed.weights().get(i), 0f, "parameter " + i);
    }
    // the final checkpoint holds the end state
    try (ModelSession<Tiny> ms = Tiny.session(16)) {
      assertEquals(whole.step(), ms.resume(checkpoint));
    }
  }

  @Test
  void aCheckpointOfOtherLayerSizesIsAClearError() {
    Path checkpoint = tmp.resolve("other");
    try (ModelSession<Tiny> ms = Tiny.session(16)) {
      train(ms, 0, 3, checkpoint);
    } catch (IllegalStateException expected) {
      // the crash after step 3 leaves no periodic checkpoint; save one by hand
    }
    try (ModelSession<Tiny> ms = Tiny.session(16)) {
      Checkpoints.save(ms.session(), checkpoint);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try (ModelSession<Tiny> ms = Tiny.session(8)) {
      UserException e = assertThrows(UserException.class, () -> ms.resume(checkpoint));
      assertTrue(e.getMessage().contains("other settings") && e.getMessage().contains(checkpoint.toString()),
          e.getMessage());
    }
  }

  @Test
  void aMissingCheckpointNamesThePath() {
    try (ModelSession<Tiny> ms = Tiny.session(8)) {
      Path none = tmp.resolve("none");
      UserException e = assertThrows(UserException.class, () -> ms.resume(none));
      assertTrue(e.getMessage().contains("no checkpoint to resume from in " + none), e.getMessage());
    }
  }
}
