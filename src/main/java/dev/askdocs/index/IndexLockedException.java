package dev.askdocs.index;

import dev.askdocs.AskdocsException;

/** Another process holds the index open for writing. */
public class IndexLockedException extends AskdocsException {
  public IndexLockedException(String message, Throwable cause) {
    super(message, cause);
  }
}
