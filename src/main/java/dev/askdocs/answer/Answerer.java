package dev.askdocs.answer;

import dev.askdocs.retrieve.Retrieval;

/**
 * Composes the reply to a question from the passages retrieved for it. Thread-safe.
 *
 * <p>Contract: every claim in the answer text carries a {@code [n]} marker pointing at a {@link
 * Citation} whose quote comes from a retrieved passage. When the passages don't answer the question
 * the result is an abstention ({@link Answer#abstained()}), never a guess. "Nothing relevant" is a
 * normal answer, not an exception.
 */
public interface Answerer {
  Answer answer(String question, Retrieval retrieval);
}
