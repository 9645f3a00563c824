package dev.askdocs;

/** The caller sent something askdocs cannot use; {@code field} names it (may be null). */
public class BadInputException extends AskdocsException {
  private final String code;
  private final String field;

  public BadInputException(String code, String field, String message) {
    super(message);
    this.code = code;
    this.field = field;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
