package org.genmodels.shared.train;

import java.util.List;
import java.util.function.Consumer;

/**
 * Hears the training loop: progress displays, logs, image writers, checkpoints. Called on the
 * training thread, between steps; a listener that throws stops training.
 */
public interface TrainingListener {
  /**
   * Before {@link #onTrainStart}, only when the run starts after global step 0 (it resumes from a
   * checkpoint): where it continues.
   */
  default void onResume(ResumePoint start) {
  }

  /** Before the first step; {@code firstEpoch} is 1 unless a run resumes. */
  default void onTrainStart(int firstEpoch, int epochs, int stepsPerEpoch) {
  }

  default void onEpochStart(int epoch, int epochs, int steps) {
  }

  default void onStep(StepResult step) {
  }

  default void onEpochEnd(EpochResult result) {
  }

  /** After the last epoch, with every epoch's result. */
  default void onTrainEnd(List<EpochResult> history) {
  }

  /** A listener that runs {@code action} after every epoch. */
  static TrainingListener atEpochEnd(Consumer<EpochResult> action) {
    return new TrainingListener() {
      @Override
      public void onEpochEnd(EpochResult result) {
        action.accept(result);
      }
    };
  }
}
