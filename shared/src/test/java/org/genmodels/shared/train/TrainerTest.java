package org.genmodels.shared.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.genmodels.shared.data.Batcher;
import org.genmodels.shared.data.ImageSet;
import org.genmodels.shared.data.PixelRange;
import org.genmodels.shared.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class TrainerTest {
  /** Ten 1×2 "images" whose pixels are 0, 10, 20, ... */
  private static ImageSet tiny() {
    byte[] pixels = new byte[20];
    for (int i = 0; i < 20; i++) {
      pixels[i] = (byte) (i / 2 * 10);
    }
    return new ImageSet(10, 1, 2, pixels, new byte[10]);
  }

  private static BatchFeeder feeder(Placeholder<TFloat32> x) {
    return (set, idx) -> new Feeds().add(x, Tensors.floats(set.pixels(idx, PixelRange.UNIT), idx.length, 2));
  }

  @Test
  void evaluationWeighsBatchesBySize() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      Operand<TFloat32> mean = tf.math.mean(tf.reshape(x, tf.constant(new int[] {-1})), tf.constant(0));
      // batches of 4, 4, 2: a plain mean of batch means would give (15+55+85)/3·(1/255)
      double expected = (0 + 10 + 20 + 30 + 40 + 50 + 60 + 70 + 80 + 90) / 10.0 / 255;
      MetricValues v = Trainer.evaluate(s, List.of(new Metric("m", mean)), feeder(x), tiny(), 4);
      assertEquals(expected, v.loss(), 1e-7);
    }
  }

  @Test
  void nanLossStopsTrainingWithAClearError() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      Operand<TFloat32> loss = tf.math.mean(tf.reshape(tf.math.log(tf.math.sub(x, tf.constant(0.1f))),
          tf.constant(new int[] {-1})), tf.constant(0));
      Trainer trainer = new Trainer(s, TrainGraph.of(tf.noOp(), List.of(new Metric("loss", loss))),
          feeder(x), List.of());
      NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
          () -> trainer.fit(tiny(), tiny(), new Batcher(10, 4, false, false, 0), 1, 2, 4));
      assertTrue(e.getMessage().contains("the loss became NaN at epoch 1, step 0"), e.getMessage());
      assertTrue(e.getMessage().contains("--lr"), e.getMessage());
    }
  }

  @Test
  void listenersHearEveryStepAndEpochInOrder() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      Operand<TFloat32> loss = tf.math.mean(tf.reshape(x, tf.constant(new int[] {-1})), tf.constant(0));
      List<String> events = new ArrayList<>();
      TrainingListener recorder = new TrainingListener() {
        @Override
        public void onTrainStart(int firstEpoch, int epochs, int steps) {
          events.add("start " + firstEpoch + "/" + epochs + " x" + steps);
        }

        @Override
        public void onStep(StepResult r) {
          events.add("step " + r.epoch() + "." + r.step() + " #" + r.globalStep());
        }

        @Override
        public void onEpochEnd(EpochResult r) {
          events.add("epoch " + r.epoch());
        }

        @Override
        public void onTrainEnd(List<EpochResult> history) {
          events.add("end " + history.size());
        }
      };
      Trainer trainer = new Trainer(s, TrainGraph.of(tf.noOp(), List.of(new Metric("loss", loss))),
          feeder(x), List.of(recorder));
      List<EpochResult> h = trainer.fit(tiny(), tiny(), new Batcher(10, 5, true, false, 0), 2, 3, 10);
      assertEquals(List.of("start 2/3 x2", "step 2.0 #3", "step 2.1 #4", "epoch 2",
          "step 3.0 #5", "step 3.1 #6", "epoch 3", "end 2"), events);
      assertEquals(45.0 / 255, h.get(0).train().loss(), 1e-6);
      assertEquals(45.0 / 255, h.get(1).test().loss(), 1e-6);
    }
  }

  @Test
  void aResumedRunTakesTheRemainingBatchesOfItsEpoch() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      Operand<TFloat32> loss = tf.math.mean(tf.reshape(x, tf.constant(new int[] {-1})), tf.constant(0));
      List<String> events = new ArrayList<>();
      TrainingListener recorder = new TrainingListener() {
        @Override
        public void onResume(ResumePoint p) {
          events.add(p.describe());
        }

        @Override
        public void onTrainStart(int firstEpoch, int epochs, int steps) {
          events.add("start " + firstEpoch + "/" + epochs + " x" + steps);
        }

        @Override
        public void onStep(StepResult r) {
          events.add("step " + r.epoch() + "." + r.step() + " #" + r.globalStep() + " " + r.metrics().loss());
        }

        @Override
        public void onEpochEnd(EpochResult r) {
          events.add("epoch " + r.epoch());
        }
      };
      Batcher batcher = new Batcher(10, 4, true, false, 3);
      Trainer trainer = new Trainer(s, TrainGraph.of(tf.noOp(), List.of(new Metric("loss", loss))),
          feeder(x), List.of(recorder));
      trainer.fitFrom(tiny(), tiny(), batcher, 0, 2, 10);
      List<String> whole = List.copyOf(events);
      events.clear();
      List<EpochResult> h = trainer.fitFrom(tiny(), tiny(), batcher, 4, 2, 10);
      assertEquals("resuming at epoch 2, step 1 of 3 (global step 4)", events.get(0));
      assertEquals("start 2/2 x3", events.get(1));
      assertEquals(whole.subList(whole.indexOf("epoch 1") + 2, whole.size()), events.subList(2, events.size()));
      // the resumed epoch averages its two remaining batches (4 and 2 images) only
      assertEquals(1, h.size());
      int[][] batches = batcher.epoch(1);
      double sum = 0;
      for (int b = 1; b < 3; b++) {
        for (int i : batches[b]) {
          sum += i * 10 / 255.0;
        }
      }
      assertEquals(sum / 6, h.get(0).train().loss(), 1e-6);
      events.clear();
      assertTrue(trainer.fitFrom(tiny(), tiny(), batcher, 6, 2, 10).isEmpty());
      assertTrue(events.get(0).contains("nothing left to train"), events.get(0));
      assertThrows(IllegalArgumentException.class, () -> trainer.fitFrom(tiny(), tiny(), batcher, 7, 2, 10));
    }
  }
}
