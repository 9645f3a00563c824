package dev.askdocs.chat;

import dev.askdocs.answer.Deadline;
import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.retrieve.Retrieval;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Answers a question within a conversation: rewrites a follow-up into a standalone question, finds
 * and answers it, and remembers the turn. Thread-safe (two questions in one conversation at once
 * are both answered; each sees the history as it was when it started).
 */
public final class ChatService {
  private final QuestionAnswerer answerer;
  private final ConversationStore conversations;
  private final QuestionRewriter rewriter;
  private final Duration deadline;
  private final Clock clock;

  /**
   * @param deadline the longest one question waits on a language model, rewriting included
   */
  public ChatService(
      QuestionAnswerer answerer,
      ConversationStore conversations,
      QuestionRewriter rewriter,
      Duration deadline,
      Clock clock) {
    this.answerer = answerer;
    this.conversations = conversations;
    this.rewriter = rewriter;
    this.deadline = deadline;
    this.clock = clock;
  }

  /** What a question's progress is told to, in this order: retrieval once, then text pieces. */
  public interface Listener {
    /** The passages found for the searched question, before answering starts. */
    void retrieved(String conversationId, QuestionRewriter.Rewrite searched, Retrieval retrieval);

    /** A piece of the answer's text, provisional (see {@code Answerer}). */
    void text(String piece);
  }

  /**
   * Answers {@code question} in conversation {@code conversationId}, or in a new one when it is
   * null. An id askdocs doesn't know (forgotten, or chosen by the caller) starts a conversation
   * under that id.
   */
  public Reply ask(String conversationId, String question, int topK, Listener listener) {
    Deadline until = Deadline.after(deadline);
    String id = conversationId == null ? conversations.newId() : conversationId;
    List<Turn> history = conversations.history(id);
    QuestionRewriter.Rewrite searched = rewriter.rewrite(question, history, until);
    QuestionAnswerer.Result result =
        answerer.ask(
            searched.question(),
            topK,
            until,
            r -> listener.retrieved(id, searched, r),
            listener::text);
    conversations.append(
        id, new Turn(question, searched.question(), result.answer().text(), clock.instant()));
    return new Reply(id, question, searched.question(), searched.by(), history.size(), result);
  }

  /**
   * An answered question.
   *
   * @param searchedQuestion the standalone question that was searched for and answered
   * @param rewrittenBy {@code none}, {@code heuristic} or {@code llm}
   * @param earlierTurns turns of the conversation before this one
   */
  public record Reply(
      String conversationId,
      String question,
      String searchedQuestion,
      String rewrittenBy,
      int earlierTurns,
      QuestionAnswerer.Result result) {}
}
