package dev.askdocs.chat;

import dev.askdocs.llm.Deadline;
import java.util.List;

/**
 * Turns a follow-up question into one that can be searched on its own ("and how many if families
 * are counted?" after "How many TTP fighters are in Afghanistan?"). Thread-safe.
 *
 * <p>Contract: a question that already stands alone, or one asked with no history, comes back
 * unchanged; the result is never blank; nothing waits past {@code deadline}.
 */
public interface QuestionRewriter {
  Rewrite rewrite(String question, List<Turn> history, Deadline deadline);

  /**
   * A rewritten question.
   *
   * @param question the standalone question to search for
   * @param by who rewrote it: {@code none} (unchanged), {@code heuristic} or {@code llm}
   */
  record Rewrite(String question, String by) {
    public static final String NONE = "none";
    public static final String HEURISTIC = "heuristic";
    public static final String LLM = "llm";

    static Rewrite unchanged(String question) {
      return new Rewrite(question, NONE);
    }
  }
}
