package org.genmodels.shared.train;

import java.util.Locale;

/**
 * Where a run starts in its schedule of {@code epochs} epochs of {@code steps} steps: the global
 * step (steps already taken), and from it the 1-based epoch and the 0-based step within that epoch
 * that run next. A fresh run starts at global step 0 (epoch 1, step 0); a resumed one where its
 * checkpoint's step counter stands. When every step has been taken, {@link #finished()} is true and
 * {@code epoch} is {@code epochs + 1}. Immutable.
 *
 * @param globalStep steps taken before the first one this run takes
 * @param epoch      1-based epoch of the next step
 * @param step       0-based position of the next step in its epoch
 * @param steps      steps per epoch
 * @param epochs     the epoch the run ends with
 */
public record ResumePoint(long globalStep, int epoch, int step, int steps, int epochs) {
  /**
   * The point after {@code globalStep} steps of a run of {@code epochs} epochs of {@code steps}.
   *
   * @throws IllegalArgumentException when {@code globalStep} is negative or past the run's end
   */
  public static ResumePoint at(long globalStep, int steps, int epochs) {
    if (steps < 1 || epochs < 1) {
      throw new IllegalArgumentException("a run needs at least one epoch of one step, got " + epochs
          + " epochs of " + steps);
    }
    long total = (long) epochs * steps;
    if (globalStep < 0 || globalStep > total) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "the run starts at global step %d,"
          + " outside this run of %d epochs × %d steps = %d steps: resume with the settings the"
          + " checkpoint was written with (epochs, batch size, training images)", globalStep, epochs,
          steps, total));
    }
    return new ResumePoint(globalStep, (int) (globalStep / steps) + 1, (int) (globalStep % steps),
        steps, epochs);
  }

  /** True when no step is left to take. */
  public boolean finished() {
    return epoch > epochs;
  }

  /** A log line: {@code resuming at epoch 2, step 37 of 117 (global step 154)}. */
  public String describe() {
    if (finished()) {
      return String.format(Locale.ROOT, "the checkpoint is at the end of training (global step %d,"
          + " %d epochs done): nothing left to train", globalStep, epochs);
    }
    return String.format(Locale.ROOT, "resuming at epoch %d, step %d of %d (global step %d)", epoch, step,
        steps, globalStep);
  }
}
