package dev.askdocs;

/** A named thing (a document, a route) does not exist. */
public class NotFoundException extends AskdocsException {
  public NotFoundException(String message) {
    super(message);
  }
}
