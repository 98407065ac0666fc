package org.genmodels.shared.cli;

/** A failure the user can fix; the message says what is wrong and how to fix it. */
public class UserException extends RuntimeException {
  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
