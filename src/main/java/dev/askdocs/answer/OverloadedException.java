package dev.askdocs.answer;

import dev.askdocs.AskdocsException;

/** Too many questions are being answered at once; the client should retry shortly. */
public class OverloadedException extends AskdocsException {
  public OverloadedException(String message) {
    super(message);
  }
}
