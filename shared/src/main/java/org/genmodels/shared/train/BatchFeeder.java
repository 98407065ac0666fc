package org.genmodels.shared.train;

import org.genmodels.shared.data.ImageSet;

/**
 * Turns a batch of example indices into the tensors a model's placeholders take. The returned
 * {@link Feeds} belong to the caller, who closes them after the run.
 */
@FunctionalInterface
public interface BatchFeeder {
  Feeds feed(ImageSet set, int[] indices);
}
