package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.data.Batcher;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.nn.Initializer;
import org.genmodels.shared.nn.Parameters;
import org.genmodels.shared.nn.Seeds;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** When {@link CheckpointSaver} saves: every N global steps, epoch-boundary saves after the epoch's end. */
class CheckpointSaverTest {
  @TempDir
  Path tmp;

  private record Model(Placeholder<TFloat32> x, Operand<TFloat32> loss, Parameters params) {
    static Model build(Ops tf) {
      Parameters p = new Parameters(new Seeds(1));
      Operand<TFloat32> w = p.trainable(tf, "w", Shape.of(2), Initializer.zeros());
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      Operand<TFloat32> loss = tf.math.mean(tf.reshape(tf.math.squaredDifference(x, w),
          tf.constant(new int[] {-1})), tf.constant(0));
      return new Model(x, loss, p);
    }
  }

  @Test
  void savesEveryNStepsAndAtTheEndEpochBoundariesAfterTheEpoch() {
    ImageSet set = new ImageSet(12, 1, 2, new byte[24], new byte[12]);
    Path dir = tmp.resolve("checkpoint");
    List<String> events = new ArrayList<>();
    try (ModelSession<Model> ms = ModelSession.create(Model::build, (tf, m) -> TrainGraph.of(
        Adam.minimize(tf, m.loss(), m.params().trainableVariables(), Adam.Settings.keras(0.1f)),
        List.of(new Metric("loss", m.loss()))))) {
      // what a later listener sees on disk: the step of the checkpoint then
      TrainingListener probe = new TrainingListener() {
        @Override
        public void onStep(StepResult step) {
          events.add(step.globalStep() + ":" + saved(ms, dir));
        }

        @Override
        public void onEpochEnd(EpochResult result) {
          events.add("end" + result.epoch() + ":" + saved(ms, dir));
        }
      };
      BatchFeeder feeder = (s, idx) -> new Feeds().add(ms.model().x(),
          Tensors.floats(s.pixels(idx, PixelRange.UNIT), idx.length, 2));
      ms.trainer(feeder, List.of(new CheckpointSaver(ms.session(), dir, 2, line -> { }), probe))
          .fit(set, set, new Batcher(12, 4, false, false, 0), 1, 2, 12);
      // 3 steps per epoch: step 6 is the last of epoch 2, and step 3 was not due
      assertEquals(List.of("1:-", "2:2", "3:2", "end1:2", "4:4", "5:4", "6:4", "end2:6"), events);
    }
  }

  /** The global step of the checkpoint in {@code dir}, read into a fresh session; "-" if none. */
  private static String saved(ModelSession<Model> training, Path dir) {
    if (!java.nio.file.Files.exists(dir)) {
      return "-";
    }
    try (ModelSession<Model> other = ModelSession.create(Model::build, (tf, m) -> TrainGraph.of(
        Adam.minimize(tf, m.loss(), m.params().trainableVariables(), Adam.Settings.keras(0.1f)),
        List.of(new Metric("loss", m.loss()))))) {
      return Long.toString(other.resume(dir));
    }
  }
}
