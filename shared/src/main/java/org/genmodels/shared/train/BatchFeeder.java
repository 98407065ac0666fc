package org.genmodels.shared.train;

import org.genmodels.shared.data.ImageSet;

/**
 * Turns a batch of example indices into the tensors a model's placeholders take. The returned
 * {@link Feeds} belong to the caller, who closes them after the run.
 */
@FunctionalInterface
public interface BatchFeeder {
  Feeds feed(ImageSet set, int[] indices);

  /** Feeds what this feeder feeds and what {@code other} feeds (images and labels, say). */
  default BatchFeeder and(BatchFeeder other) {
    return (set, indices) -> {
      Feeds feeds = feed(set, indices);
      try (Feeds more = other.feed(set, indices)) {
        return feeds.addAll(more);
      } catch (RuntimeException e) {
        feeds.close();
        throw e;
      }
    };
  }
}
