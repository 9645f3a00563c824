package dev.askdocs.slack;

import dev.askdocs.answer.Answer;

/** What askdocs says to a chat question: an answer, or one friendly line instead of one. */
sealed interface Reply {

  /** The answerer's reply, which may be an abstention. */
  record Answered(String question, Answer answer) implements Reply {}

  /**
   * A line said instead of an answer: usage help, "not ready yet", an error. Plain text, not yet
   * escaped for any chat format.
   */
  record Notice(String text) implements Reply {}
}
