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

  /** Where the conversations are kept: for the history a caller sees and changes. */
  public ConversationStore conversations() {
    return conversations;
  }

  /** What a question's progress is told to, in this order: retrieval once, then text pieces. */
  public interface Listener {
    /** The passages found for the searched question, before answering starts. */
    void retrieved(String conversationId, QuestionRewriter.Rewrite searched, Retrieval retrieval);

    /** A piece of the answer's text, provisional (see {@code Answerer}). */
    void text(String piece);
  }

  /**
   * Answers {@code question} in conversation {@code conversationId} (a new one when null) of an
   * unnamed owner, from every passage: for tools and tests that hold one conversation at a time.
   */
  public Reply ask(String conversationId, String question, int topK, Listener listener) {
    return ask("", "", conversationId, null, question, topK, ChunkFilter.NONE, listener);
  }

  /**
   * Answers {@code question} in the owner's conversation {@code conversationId}, or in a new one
   * when it is null, and remembers the turn. An id askdocs doesn't know (deleted, expired, or
   * chosen by the caller) starts a conversation under that id; so does one held in another
   * collection. A conversation id is the owner's: another owner's follow-up under the same id never
   * sees these turns.
   *
   * @param owner who asks ({@code kind:name})
   * @param collection where the passages come from, for every turn
   * @param fromTurn null to add the turn after the others, else the 0-based turn it replaces: it
   *     and the turns after it are dropped (a question edited or regenerated)
   * @param filter which passages may be retrieved
   */
  public Reply ask(
      String owner,
      String collection,
      String conversationId,
      Integer fromTurn,
      String question,
      int topK,
      ChunkFilter filter,
      Listener listener) {
    String id = conversationId == null ? conversations.newId() : conversationId;
    List<Turn> history = conversations.history(owner, collection, id);
    int keep = fromTurn == null ? history.size() : Math.min(fromTurn, history.size());
    Reply reply = answer(id, history.subList(0, keep), question, topK, filter, listener);
    conversations.append(
        owner,
        collection,
        id,
        keep,
        new Turn(
            question,
            reply.searchedQuestion(),
            reply.result().answer().text(),
            clock.instant(),
            reply.result().answer().citations()));
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
