package dev.askdocs.chat;

import dev.askdocs.llm.Deadline;
import dev.askdocs.llm.LlmClient;
import dev.askdocs.llm.LlmUnavailableException;
import dev.askdocs.llm.Prompts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites follow-up questions with the language model and the condense prompt ({@code
 * condense-question.md}), given the conversation's last turns. Falls back to {@code fallback} (the
 * heuristic) when the model fails, is too slow, or replies with something that is not a question
 * (blank, or far longer than a question). The first question of a conversation is not sent.
 * Thread-safe.
 */
public final class LlmRewriter implements QuestionRewriter {
  private static final Logger LOG = LoggerFactory.getLogger(LlmRewriter.class);

  /** Turns shown to the model. */
  static final int HISTORY_TURNS = 4;

  /** Characters of each earlier answer shown to the model. */
  static final int ANSWER_CHARS = 300;

  private final LlmClient client;
  private final Prompts prompts;
  private final QuestionRewriter fallback;
  private final Duration timeout;
  private final int maxQuestionChars;

  /**
   * @param timeout the longest the rewrite may take; the answer needs the rest of the deadline
   */
  public LlmRewriter(
      LlmClient client,
      Prompts prompts,
      QuestionRewriter fallback,
      Duration timeout,
      int maxQuestionChars) {
    this.client = client;
    this.prompts = prompts;
    this.fallback = fallback;
    this.timeout = timeout;
    this.maxQuestionChars = maxQuestionChars;
  }

  @Override
  public Rewrite rewrite(String question, List<Turn> history, Deadline deadline) {
    if (history.isEmpty()) {
      return Rewrite.unchanged(question);
    }
    String prompt =
        prompts
            .condenseQuestion()
            .render(Map.of("history", history(history), "question", question));
    String reply;
    try {
      reply = client.complete("", prompt, deadline.within(timeout));
    } catch (LlmUnavailableException e) {
      LOG.info("rewriting the follow-up without the model: {}", e.getMessage());
      return fallback.rewrite(question, history, deadline);
    }
    String rewritten = firstLine(reply);
    if (rewritten.isEmpty()
        || rewritten.length() > maxQuestionChars
        || rewritten.length() > 3 * question.length() + 200) {
      LOG.info("the model's rewrite was not a question; rewriting without it");
      return fallback.rewrite(question, history, deadline);
    }
    return rewritten.equals(question.strip())
        ? Rewrite.unchanged(question)
        : new Rewrite(rewritten, Rewrite.LLM);
  }

  /** The last turns as {@code User:} and {@code Assistant:} lines, answers shortened. */
  static String history(List<Turn> turns) {
    StringBuilder out = new StringBuilder();
    for (Turn t : turns.subList(Math.max(0, turns.size() - HISTORY_TURNS), turns.size())) {
      String answer = t.answer().replaceAll("\\s*\\[\\d+\\]", "").replaceAll("\\s+", " ").strip();
      if (answer.length() > ANSWER_CHARS) {
        answer = answer.substring(0, ANSWER_CHARS) + "…";
      }
      out.append("User: ").append(t.question().replaceAll("\\s+", " ").strip()).append('\n');
      out.append("Assistant: ").append(answer).append('\n');
    }
    return out.toString().strip();
  }

  /** The first non-blank line, without a label or quotes the model may have added. */
  static String firstLine(String reply) {
    for (String line : reply.strip().split("\\R")) {
      String l =
          line.strip()
              .replaceFirst("(?i)^(standalone|rewritten)( question)?\\s*:\\s*", "")
              .replaceFirst("(?i)^question\\s*:\\s*", "")
              .strip();
      if (l.length() >= 2
          && (l.startsWith("\"") && l.endsWith("\"") || l.startsWith("“") && l.endsWith("”"))) {
        l = l.substring(1, l.length() - 1).strip();
      }
      if (!l.isEmpty()) {
        return l;
      }
    }
    return "";
  }
}
