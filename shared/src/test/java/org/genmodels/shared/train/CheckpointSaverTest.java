package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.cli.UserException;
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
      ms.trainer(feeder, List.of(new CheckpointSaver(ms.session(), dir, 2, null, line -> { }), probe))
          .fit(set, set, new Batcher(12, 4, false, false, 0), 1, 2, 12);
      // 3 steps per epoch: step 6 is the last of epoch 2, and step 3 was not due
      assertEquals(List.of("1:-", "2:2", "3:2", "end1:2", "4:4", "5:4", "6:4", "end2:6"), events);
    }
  }

  @Test
  void keepsTheRunKeyMarkedFinishedOnlyAtTheEnd() {
    ImageSet set = new ImageSet(12, 1, 2, new byte[24], new byte[12]);
    Path dir = tmp.resolve("checkpoint");
    RunKey key = new RunKey("mnist", 12, 4, 7);
    List<String> events = new ArrayList<>();
    try (ModelSession<Model> ms = ModelSession.create(Model::build, (tf, m) -> TrainGraph.of(
        Adam.minimize(tf, m.loss(), m.params().trainableVariables(), Adam.Settings.keras(0.1f)),
        List.of(new Metric("loss", m.loss()))))) {
      TrainingListener probe = TrainingListener.atEpochEnd(r -> events.add(stored(dir)));
      BatchFeeder feeder = (s, idx) -> new Feeds().add(ms.model().x(),
          Tensors.floats(s.pixels(idx, PixelRange.UNIT), idx.length, 2));
      ms.trainer(feeder, List.of(new CheckpointSaver(ms.session(), dir, 2, key, line -> { }), probe))
          .fit(set, set, new Batcher(12, 4, false, false, 0), 1, 2, 12);
    }
    // steps 2, 4 and 6 are saved (6 at epoch 2's end, before the probe) unfinished; the end marks 6 finished
    assertEquals(List.of("2 false", "6 false"), events);
    assertEquals("6 true", stored(dir));
    assertEquals(key, RunKey.read(dir).orElseThrow().key());
  }

  private static String stored(Path dir) {
    return RunKey.read(dir).map(s -> s.step() + " " + s.finished()).orElse("-");
  }

  @Test
  void aFreshRunDoesNotReplaceAnUnfinishedRunsCheckpoint() throws IOException {
    RunKey key = new RunKey("mnist", 60000, 64, 22);
    Path checkpoint = tmp.resolve("checkpoint");
    assertEquals(checkpoint, CheckpointSaver.prepare(tmp, key, false));
    Files.createDirectories(checkpoint);
    key.write(checkpoint, 900, false);
    UserException e = assertThrows(UserException.class, () -> CheckpointSaver.prepare(tmp, key, false));
    assertTrue(e.getMessage().contains("unfinished run (global step 900)"), e.getMessage());
    assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    assertEquals(checkpoint, CheckpointSaver.prepare(tmp, key, true));
    key.write(checkpoint, 9370, true);
    assertEquals(checkpoint, CheckpointSaver.prepare(tmp, key, false));
  }

  @Test
  void aResumeWithOtherBatchesIsRefusedNamingWhatDiffers() throws IOException {
    Path checkpoint = tmp.resolve("checkpoint");
    Files.createDirectories(checkpoint);
    new RunKey("mnist", 60000, 64, 22).write(checkpoint, 900, false);
    UserException e = assertThrows(UserException.class,
        () -> CheckpointSaver.prepare(tmp, new RunKey("mnist", 1000, 32, 22), true));
    assertTrue(e.getMessage().contains("60000 training images (this run: 1000), batch size 64 (this run: 32):"),
        e.getMessage());
    assertTrue(e.getMessage().contains("resume with the settings it was started with"), e.getMessage());
    Files.writeString(checkpoint.resolve(RunKey.FILE), "dataset=mnist\nbatch_size=sixty-four\n");
    UserException corrupt = assertThrows(UserException.class,
        () -> CheckpointSaver.prepare(tmp, new RunKey("mnist", 60000, 64, 22), true));
    assertTrue(corrupt.getMessage().contains(RunKey.FILE + " is corrupt"), corrupt.getMessage());
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
