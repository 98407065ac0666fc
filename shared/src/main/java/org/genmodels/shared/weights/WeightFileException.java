package org.genmodels.shared.weights;

import org.genmodels.shared.cli.UserException;

/** A weights file of another framework that cannot be read: the message names the file, what is wrong and the fix. */
public final class WeightFileException extends UserException {
  public WeightFileException(String message) {
    super(message);
  }

  public WeightFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
