package dev.askdocs.llm;

import dev.askdocs.AskdocsException;

/**
 * The language model gave no usable answer, after the retry it was worth. Callers answer without
 * it; this never reaches a user as an error.
 */
public class LlmUnavailableException extends AskdocsException {
  private final LlmFailure failure;

  public LlmUnavailableException(LlmFailure failure, String message) {
    super(message);
    this.failure = failure;
  }

  public LlmFailure failure() {
    return failure;
  }
}
