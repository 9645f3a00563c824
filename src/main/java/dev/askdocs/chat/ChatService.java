package dev.askdocs.chat;

import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.index.ChunkFilter;
import dev.askdocs.llm.Deadline;
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
    return ask("", conversationId, question, topK, ChunkFilter.NONE, listener);
  }

  /**
   * {@link #ask(String, String, int, Listener)} within {@code scope} (who asks, in which
   * collection): a conversation id is remembered per scope, so a follow-up from another caller or
   * in another collection starts afresh and never sees this conversation's turns.
   *
   * @param filter which passages may be retrieved, for every turn
   */
  public Reply ask(
      String scope,
      String conversationId,
      String question,
      int topK,
      ChunkFilter filter,
      Listener listener) {
    String id = conversationId == null ? conversations.newId() : conversationId;
    String key = scope.isEmpty() ? id : scope + "\u0000" + id;
    Reply reply = answer(id, conversations.history(key), question, topK, filter, listener);
    conversations.append(
        key,
        new Turn(
            question, reply.searchedQuestion(), reply.result().answer().text(), clock.instant()));
    return reply;
  }

  /**
   * Answers {@code question} after {@code history}, which the caller keeps (a client that sends the
   * whole conversation each time, as OpenAI-style clients do); nothing is remembered here.
   *
   * @param conversationId the id reported to {@code listener} and in the reply
   * @param filter which passages may be retrieved
   */
  public Reply answer(
      String conversationId,
      List<Turn> history,
      String question,
      int topK,
      ChunkFilter filter,
      Listener listener) {
    Deadline until = Deadline.after(deadline);
    QuestionRewriter.Rewrite searched = rewriter.rewrite(question, history, until);
    QuestionAnswerer.Result result =
        answerer.ask(
            searched.question(),
            topK,
            filter,
            until,
            r -> listener.retrieved(conversationId, searched, r),
            listener::text);
    return new Reply(
        conversationId, question, searched.question(), searched.by(), history.size(), result);
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
