package dev.askdocs.chat;

import dev.askdocs.answer.Citation;
import java.time.Instant;
import java.util.List;

/**
 * One question of a conversation and its answer.
 *
 * @param question as the user asked it
 * @param searchedQuestion the standalone question that was searched for
 * @param answer the answer's text
 * @param at when it was answered
 * @param citations the passages the answer cites, in the order of its {@code [n]} markers
 */
public record Turn(
    String question, String searchedQuestion, String answer, Instant at, List<Citation> citations) {
  public Turn {
    citations = citations == null ? List.of() : List.copyOf(citations);
  }

  /** A turn whose citations are not kept (a client that sends the history itself). */
  public Turn(String question, String searchedQuestion, String answer, Instant at) {
    this(question, searchedQuestion, answer, at, List.of());
  }
}
