package org.genmodels.shared.train;

/**
 * The outcome of one training step.
 *
 * @param epoch      1-based epoch number
 * @param step       0-based step within the epoch
 * @param steps      steps in this epoch
 * @param globalStep steps taken since training began, this one included
 * @param metrics    the step's metrics, on its batch
 */
public record StepResult(int epoch, int step, int steps, long globalStep, MetricValues metrics) {
}
