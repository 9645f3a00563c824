package dev.askdocs.slack;

import dev.askdocs.answer.QuestionAnswerer;
import dev.askdocs.chat.ChatService;
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

  /** The owner of chat threads' conversations: a thread is its channel's, not one person's. */
  static final String THREAD_OWNER = "chat-thread";

  private static final ChatService.Listener QUIET =
      new ChatService.Listener() {
        @Override
        public void retrieved(
            String id,
            dev.askdocs.chat.QuestionRewriter.Rewrite searched,
            dev.askdocs.retrieve.Retrieval retrieval) {
          // a chat reply is posted whole, once answered
        }

        @Override
        public void text(String piece) {
          // a chat reply is posted whole, once answered
        }
      };

  static final String BUSY = "askdocs is busy with other questions. Please ask again in a minute.";

  private final QuestionAnswerer answerer;
  private final ChannelCollections channels;
  private final int topK;
  private final int maxQuestionChars;
  private final BooleanSupplier ready;
  private final ChatService chat;

  /**
   * @param ready true once the start-up ingest has finished and questions can be answered
   */
  Replies(QuestionAnswerer answerer, int topK, int maxQuestionChars, BooleanSupplier ready) {
    this(answerer, topK, maxQuestionChars, ready, ChannelCollections.everyChannelAsksDefault());
  }

  /**
   * @param channels which collection each Slack channel asks
   */
  Replies(
      QuestionAnswerer answerer,
      int topK,
      int maxQuestionChars,
      BooleanSupplier ready,
      ChannelCollections channels) {
    this(answerer, null, topK, maxQuestionChars, ready, channels);
  }

  /**
   * @param chat answers a question asked in a thread as a turn of that thread's conversation (null:
   *     every question stands alone)
   */
  Replies(
      QuestionAnswerer answerer,
      ChatService chat,
      int topK,
      int maxQuestionChars,
      BooleanSupplier ready,
      ChannelCollections channels) {
    this.chat = chat;
    this.channels = channels;
    this.answerer = answerer;
    this.topK = topK;
    this.maxQuestionChars = maxQuestionChars;
    this.ready = ready;
  }

  ChannelCollections channels() {
    return channels;
  }

  /** Usage help for a command invoked as {@code command} (such as {@code /ask}). */
  static Reply.Notice usage(String command) {
    return new Reply.Notice(
        "Ask a question about the documents, for example: "
            + command
            + " Who is the special representative for Afghanistan?");
  }

  /** Answers {@code question} from {@code default}; see {@link #to(String, Optional)}. */
  Reply to(String question) {
    return to(question, java.util.Optional.of(dev.askdocs.config.CollectionSettings.DEFAULT));
  }

  /**
   * Answers {@code question}, which must not be blank, from the passages of {@code collection}
   * only; without a collection (a channel nobody mapped) it says so instead of answering.
   */
  Reply to(String question, java.util.Optional<String> collection) {
    return to(question, collection, null);
  }

  /**
   * Answers {@code question} from {@code collection}; in a thread ({@code thread} not null, such as
   * {@code slack:<channel>:<thread_ts>}) as the next turn of the thread's conversation, so that a
   * follow-up is understood.
   */
  Reply to(String question, java.util.Optional<String> collection, String thread) {
    if (collection.isEmpty()) {
      return new Reply.Notice(ChannelCollections.UNMAPPED);
    }
    if (question.length() > maxQuestionChars) {
      return new Reply.Notice(
          "That question is too long: please keep it under " + maxQuestionChars + " characters.");
    }
    if (!ready.getAsBoolean()) {
      return new Reply.Notice(NOT_READY);
    }
    try {
      if (thread != null && chat != null) {
        ChatService.Reply r =
            chat.ask(
                THREAD_OWNER,
                collection.get(),
                thread,
                null,
                question,
                topK,
                dev.askdocs.index.ChunkFilter.collections(java.util.Set.of(collection.get())),
                QUIET);
        return new Reply.Answered(question, r.result().answer());
      }
      return new Reply.Answered(
          question,
          answerer
              .ask(
                  question,
                  topK,
                  dev.askdocs.index.ChunkFilter.collections(java.util.Set.of(collection.get())))
              .answer());
    } catch (RuntimeException e) {
      LOG.error("answering a chat question failed", e);
      return new Reply.Notice(FAILED);
    }
  }
}
