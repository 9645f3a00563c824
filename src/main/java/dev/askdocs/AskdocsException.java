package dev.askdocs;

/**
 * Base of askdocs' few unchecked domain exceptions. The HTTP layer maps each subclass to one status
 * code; the CLI maps them to exit codes.
 */
public class AskdocsException extends RuntimeException {
  public AskdocsException(String message) {
    super(message);
  }

  public AskdocsException(String message, Throwable cause) {
    super(message, cause);
  }
}
