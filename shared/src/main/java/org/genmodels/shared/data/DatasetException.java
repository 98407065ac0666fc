package org.genmodels.shared.data;

/**
 * A data set could not be found, read or verified. The message names the file or the places tried
 * and says how to fix it; it is meant to be shown to the user as is.
 */
public class DatasetException extends RuntimeException {
  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
