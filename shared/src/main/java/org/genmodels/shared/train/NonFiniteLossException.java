package org.genmodels.shared.train;

/** The loss became NaN or infinite: training diverged. */
public class NonFiniteLossException extends RuntimeException {
  public NonFiniteLossException(String metric, double value, int epoch, int step) {
    super(String.format("the %s became %s at epoch %d, step %d: training diverged. Lower the"
        + " learning rate (--lr) or check the input data for NaN or out-of-range values.",
        metric, value, epoch, step));
  }
}
