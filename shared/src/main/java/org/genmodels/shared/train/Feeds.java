package org.genmodels.shared.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * The tensors fed to a graph's placeholders for one run. Owns the tensors: closing the feeds closes
 * them, which must happen after every run (try-with-resources), or each batch leaks its native
 * memory. Not thread-safe.
 */
public final class Feeds implements AutoCloseable {
  private final List<Operand<?>> placeholders = new ArrayList<>();
  private final List<Tensor> tensors = new ArrayList<>();

  /** Adds a feed; the feeds take ownership of {@code tensor}. */
  public Feeds add(Operand<?> placeholder, Tensor tensor) {
    placeholders.add(placeholder);
    tensors.add(tensor);
    return this;
  }

  /** Moves every feed of {@code other} into these feeds, which then own its tensors. */
  public Feeds addAll(Feeds other) {
    placeholders.addAll(other.placeholders);
    tensors.addAll(other.tensors);
    other.placeholders.clear();
    other.tensors.clear();
    return this;
  }

  /** Feeds every tensor into {@code runner}. */
  public Session.Runner applyTo(Session.Runner runner) {
    for (int i = 0; i < tensors.size(); i++) {
      runner.feed(placeholders.get(i), tensors.get(i));
    }
    return runner;
  }

  @Override
  public void close() {
    for (Tensor t : tensors) {
      t.close();
    }
    tensors.clear();
    placeholders.clear();
  }
}
