package org.genmodels.shared.train;

/**
 * The outcome of one epoch.
 *
 * @param epoch        1-based epoch number
 * @param epochs       the epoch the run ends with
 * @param train        metrics averaged over the epoch's training batches (in the epoch a run
 *                     resumed in, over the batches taken after the resume only)
 * @param test         metrics on the held-out set, after the epoch
 * @param trainSeconds wall time of the training steps alone
 * @param evalSeconds  wall time of the evaluation
 */
public record EpochResult(int epoch, int epochs, MetricValues train, MetricValues test,
                          double trainSeconds, double evalSeconds) {
}
