package dev.askdocs.load;

import dev.askdocs.AskdocsException;

/** A file could not be read as a document; the message says why, in words a user understands. */
public class DocumentLoadException extends AskdocsException {
  public DocumentLoadException(String message) {
    super(message);
  }

  public DocumentLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
