package dev.askdocs.answer;

import dev.askdocs.llm.Deadline;
import dev.askdocs.retrieve.Retrieval;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /**
   * Whether this answerer reads a whole table: when the best passage is part of a table, {@link
   * QuestionAnswerer} then adds the table's other chunks (those the caller may read) after the
   * retrieved passages, so that "first", "last" or "most" can be decided over every row.
   */
  default boolean readsWholeTables() {
    return false;
  }

  /**
   * Answers as {@link #answer(String, Retrieval)} does, giving the answer's text to {@code onText}
   * as it is written, in order, from one thread at a time, and never after returning. Waits on
   * outside services (a language model) no longer than {@code deadline}.
   *
   * <p>The text given is provisional: the returned {@link Answer} is what counts (a written answer
   * may be corrected after checking, or replaced). This default composes the whole answer first,
   * then gives it sentence by sentence: each piece ends after a sentence's {@code [n]} markers.
   */
  default Answer answer(
      String question, Retrieval retrieval, Deadline deadline, Consumer<String> onText) {
    Answer a = answer(question, retrieval);
    Pieces.sentences(a.text()).forEach(onText);
    return a;
  }

  /** Splits answer text into the pieces streamed for it. */
  final class Pieces {
    private static final Pattern AFTER_MARKERS = Pattern.compile("(\\[\\d+\\])+\\s*");

    private Pieces() {}

    /** {@code text} cut after each run of {@code [n]} markers; the pieces join back to it. */
    static List<String> sentences(String text) {
      List<String> out = new ArrayList<>();
      Matcher m = AFTER_MARKERS.matcher(text);
      int last = 0;
      while (m.find()) {
        out.add(text.substring(last, m.end()));
        last = m.end();
      }
      if (last < text.length()) {
        out.add(text.substring(last));
      }
      return out;
    }
  }
}
