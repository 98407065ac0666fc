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
      ms.trainer(feeder, List.of(new CheckpointSaver(ms.session(), dir, 2, 1, null, null, line -> { }), probe))
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
      ms.trainer(feeder, List.of(new CheckpointSaver(ms.session(), dir, 2, 1, key, null, line -> { }), probe))
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
    assertEquals(checkpoint, CheckpointSaver.checkKey(tmp, key, null));
    Files.createDirectories(checkpoint);
    key.write(checkpoint, 900, false, null);
    UserException e = assertThrows(UserException.class, () -> CheckpointSaver.checkKey(tmp, key, null));
    assertTrue(e.getMessage().contains("unfinished run (global step 900)"), e.getMessage());
    assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    assertEquals(checkpoint, CheckpointSaver.checkKey(tmp, key, slot(checkpoint)));
    key.write(checkpoint, 9370, true, null);
    assertEquals(checkpoint, CheckpointSaver.checkKey(tmp, key, null));
    // an older, unfinished checkpoint beside a finished one is the finished run's past
    Files.createDirectories(tmp.resolve("checkpoint.1"));
    key.write(tmp.resolve("checkpoint.1"), 9000, false, null);
    assertEquals(checkpoint, CheckpointSaver.checkKey(tmp, key, null));
  }

  private static CheckpointSlots.Slot slot(Path dir) {
    return new CheckpointSlots.Slot(dir, RunKey.read(dir).orElseThrow());
  }

  @Test
  void aResumeWithOtherBatchesIsRefusedNamingWhatDiffers() throws IOException {
    Path checkpoint = tmp.resolve("checkpoint");
    Files.createDirectories(checkpoint);
    new RunKey("mnist", 60000, 64, 22).write(checkpoint, 900, false, null);
    UserException e = assertThrows(UserException.class,
        () -> CheckpointSaver.checkKey(tmp, new RunKey("mnist", 1000, 32, 22), slot(checkpoint)));
    assertTrue(e.getMessage().contains("60000 training images (this run: 1000), batch size 64 (this run: 32):"),
        e.getMessage());
    assertTrue(e.getMessage().contains("resume with the settings it was started with"), e.getMessage());
    Files.writeString(checkpoint.resolve(RunKey.FILE), "dataset=mnist\nbatch_size=sixty-four\n");
    UserException corrupt = assertThrows(UserException.class, () -> CheckpointSaver.resumeFrom(tmp, line -> { }));
    assertTrue(corrupt.getMessage().contains("no readable checkpoint"), corrupt.getMessage());
    assertTrue(corrupt.getMessage().contains(RunKey.FILE + " is corrupt"), corrupt.getMessage());
  }

  @Test
  void resumingWithoutACheckpointSaysWhereItLooked() {
    UserException e = assertThrows(UserException.class, () -> CheckpointSaver.resumeFrom(tmp, line -> { }));
    assertTrue(e.getMessage().contains("no checkpoint to resume from in " + tmp.resolve("checkpoint").toAbsolutePath()),
        e.getMessage());
  }

  /** Trains 2 epochs of 3 steps, a checkpoint every 2 steps, keeping {@code keep}. */
  private void train(Path out, int keep) {
    ImageSet set = new ImageSet(12, 1, 2, new byte[24], new byte[12]);
    RunKey key = new RunKey("mnist", 12, 4, 7);
    try (ModelSession<Model> ms = ModelSession.create(Model::build, (tf, m) -> TrainGraph.of(
        Adam.minimize(tf, m.loss(), m.params().trainableVariables(), Adam.Settings.keras(0.1f)),
        List.of(new Metric("loss", m.loss()))))) {
      BatchFeeder feeder = (s, idx) -> new Feeds().add(ms.model().x(),
          Tensors.floats(s.pixels(idx, PixelRange.UNIT), idx.length, 2));
      ms.trainer(feeder, List.of(new CheckpointSaver(ms.session(), CheckpointSaver.directory(out), 2, keep, key,
          null, line -> { }))).fit(set, set, new Batcher(12, 4, false, false, 0), 1, 2, 12);
    }
  }

  @Test
  void keepsTheLastNCheckpointsNewestFirst() throws IOException {
    for (int keep = 1; keep <= 3; keep++) {
      Path out = tmp.resolve("keep" + keep);
      train(out, keep);
      List<String> found = new ArrayList<>();
      for (Path dir : CheckpointSlots.existing(CheckpointSaver.directory(out))) {
        found.add(dir.getFileName() + "@" + stored(dir));
      }
      // saves at steps 2, 4, 6; the end marks step 6 finished in place
      List<String> all = List.of("checkpoint@6 true", "checkpoint.1@4 false", "checkpoint.2@2 false");
      assertEquals(all.subList(0, keep), found, "keep " + keep);
      try (var files = Files.list(out)) {
        assertEquals(keep, files.count(), "no temporary directories are left, keep " + keep);
      }
    }
  }

  @Test
  void aDamagedNewestCheckpointIsSkippedForTheOneBefore() throws IOException {
    Path out = tmp.resolve("run");
    train(out, 2);
    Path newest = CheckpointSaver.directory(out);
    Path data;
    try (var files = Files.list(newest)) {
      data = files.filter(f -> f.getFileName().toString().startsWith("variables.data-")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(data, bytes);
    List<String> log = new ArrayList<>();
    CheckpointSlots.Slot slot = CheckpointSaver.resumeFrom(out, log::add);
    assertEquals(out.resolve("checkpoint.1"), slot.dir());
    assertEquals(4, slot.stored().step());
    assertTrue(log.get(0).startsWith("skipping a damaged checkpoint: checkpoint (step 6): tensor "), log.toString());
    assertTrue(log.get(0).contains("fails its checksum"), log.toString());
    assertTrue(log.get(1).startsWith("resuming from ") && log.get(1).endsWith("checkpoint.1 (global step 4)"),
        log.toString());
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
