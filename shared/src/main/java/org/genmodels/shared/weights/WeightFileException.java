package org.genmodels.shared.weights;

import org.genmodels.shared.cli.UserException;

/**
 * A weights file of another framework cannot be read: the message names the file, says what is
 * wrong with it and how to get a file that can be read. Meant to be shown to the user as is.
 */
public class WeightFileException extends UserException {
  public WeightFileException(String message) {
    super(message);
  }

  public WeightFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
