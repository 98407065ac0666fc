package org.genmodels.shared.train;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A named scalar the training loop fetches with every batch, e.g. {@code loss}, {@code rec},
 * {@code kl}. It must be a per-example mean over the batch, so that the loop can average it over a
 * data set by weighting each batch with its size.
 */
public record Metric(String name, Operand<TFloat32> value) {
}
