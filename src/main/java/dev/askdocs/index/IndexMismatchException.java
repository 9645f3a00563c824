package dev.askdocs.index;

import dev.askdocs.AskdocsException;

/** The index on disk was built with another embedding model; it must be rebuilt. */
public class IndexMismatchException extends AskdocsException {
  public IndexMismatchException(String message) {
    super(message);
  }
}
