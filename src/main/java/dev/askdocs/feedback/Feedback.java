package dev.askdocs.feedback;

import java.time.Instant;
import java.util.List;

/**
 * One reader's verdict on one answer, with what was asked, answered and cited, so that the record
 * can be read without the index or the conversation it came from.
 *
 * @param id unique per record
 * @param at when the server received it
 * @param rating {@code up} or {@code down}
 * @param conversationId the conversation of the answer, or null
 * @param question the question as the reader asked it
 * @param answer the answer text as shown
 * @param abstained true when the answer said the documents do not answer the question
 * @param citations the answer's sources, in order; empty when none
 * @param comment the reader's words, or null
 */
public record Feedback(
    String id,
    Instant at,
    Rating rating,
    String conversationId,
    String question,
    String answer,
    boolean abstained,
    List<Source> citations,
    String comment) {

  public Feedback {
    citations = List.copyOf(citations);
  }

  /** Thumbs up or down. */
  public enum Rating {
    up,
    down
  }

  /** One cited source as the reader saw it. {@code page} is null for documents without pages. */
  public record Source(
      int n, String documentId, String title, String source, String quote, Integer page) {}
}
