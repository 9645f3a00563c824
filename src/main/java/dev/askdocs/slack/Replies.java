package dev.askdocs.slack;

import dev.askdocs.answer.QuestionAnswerer;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a chat question into a {@link Reply}. Never throws: a failure becomes one friendly line for
 * the user and a stack trace in the log. Thread-safe.
 */
final class Replies {
  private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

  static final String NOT_READY =
      "askdocs is still reading its documents. Please ask again in a minute.";
  static final String FAILED =
      "Sorry, something went wrong while answering. The askdocs log has the details.";
  static final String BUSY = "askdocs is busy with other questions. Please ask again in a minute.";

  private final QuestionAnswerer answerer;
  private final int topK;
  private final int maxQuestionChars;
  private final BooleanSupplier ready;

  /**
   * @param ready true once the start-up ingest has finished and questions can be answered
   */
  Replies(QuestionAnswerer answerer, int topK, int maxQuestionChars, BooleanSupplier ready) {
    this.answerer = answerer;
    this.topK = topK;
    this.maxQuestionChars = maxQuestionChars;
    this.ready = ready;
  }

  /** Usage help for a command invoked as {@code command} (such as {@code /ask}). */
  static Reply.Notice usage(String command) {
    return new Reply.Notice(
        "Ask a question about the documents, for example: "
            + command
            + " Who is the special representative for Afghanistan?");
  }

  /** Answers {@code question}, which must not be blank. */
  Reply to(String question) {
    if (question.length() > maxQuestionChars) {
      return new Reply.Notice(
          "That question is too long: please keep it under " + maxQuestionChars + " characters.");
    }
    if (!ready.getAsBoolean()) {
      return new Reply.Notice(NOT_READY);
    }
    try {
      return new Reply.Answered(question, answerer.ask(question, topK).answer());
    } catch (RuntimeException e) {
      LOG.error("answering a chat question failed", e);
      return new Reply.Notice(FAILED);
    }
  }
}
