package dev.askdocs.http;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.BadInputException;
import dev.askdocs.access.Role;
import dev.askdocs.answer.Answer;
import dev.askdocs.answer.Citation;
import dev.askdocs.answer.ConcurrencyLimiter;
import dev.askdocs.chat.ChatService;
import dev.askdocs.chat.QuestionRewriter;
import dev.askdocs.config.Config;
import dev.askdocs.index.ChunkFilter;
import dev.askdocs.retrieve.Retrieval;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/chat}: a question in a conversation, answered as Server-Sent Events ({@code
 * retrieval}, {@code token}..., {@code citations}, {@code done}, or {@code error}), or as one JSON
 * object when the client accepts only {@code application/json}. Input and readiness are checked
 * before the stream opens, so those errors are ordinary JSON errors; after it opens, a failure is
 * an {@code error} event.
 */
final class ChatEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChatEndpoint.class);
  private static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  static final long KEEP_ALIVE_SECONDS = 10;

  private final Scopes scopes;
  private final Config config;
  private final ChatService chat;
  private final ServiceState state;
  private final JsonBodies bodies;
  private final ObjectMapper mapper;
  private final ConcurrencyLimiter limiter;
  private final ScheduledExecutorService keepAlive =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sse-keep-alive");
            t.setDaemon(true);
            return t;
          });

  ChatEndpoint(
      Config config,
      ChatService chat,
      ServiceState state,
      JsonBodies bodies,
      ObjectMapper mapper,
      ConcurrencyLimiter limiter,
      Scopes scopes) {
    this.scopes = scopes;
    this.config = config;
    this.limiter = limiter;
    this.chat = chat;
    this.state = state;
    this.bodies = bodies;
    this.mapper = mapper;
  }

  void chat(Context ctx) throws IOException {
    JsonNode body = bodies.object(ctx);
    String question = JsonBodies.requiredText(body, "question", config.maxQuestionChars());
    int topK = JsonBodies.optionalInt(body, "topK", config.topK(), 1, Config.MAX_TOP_K);
    String conversationId = conversationId(body);
    String collection = scopes.collection(ctx, body, Role.READER);
    ChunkFilter filter = ChunkFilter.collections(java.util.Set.of(collection));
    Integer fromTurn =
        body.hasNonNull("fromTurn")
            ? JsonBodies.optionalInt(body, "fromTurn", 0, 0, config.conversations().maxTurns())
            : null;
    Asked asked =
        new Asked(Scopes.conversationOwner(ctx), collection, conversationId, fromTurn, filter);
    // Admitted before the stream opens, so a refusal is an ordinary 503 JSON error.
    try (ConcurrencyLimiter.Permit admitted = limiter.admit()) {
      answer(ctx, question, topK, asked);
    }
  }

  /** Where a question goes: whose conversation, which, from which turn on, with which passages. */
  private record Asked(
      String owner,
      String collection,
      String conversationId,
      Integer fromTurn,
      ChunkFilter filter) {
    ChatService.Reply ask(
        ChatService chat, String question, int topK, ChatService.Listener listener) {
      return chat.ask(
          owner, collection, conversationId, fromTurn, question, topK, filter, listener);
    }
  }

  private void answer(Context ctx, String question, int topK, Asked asked) throws IOException {
    if (!wantsEvents(ctx.header("Accept"))) {
      ChatService.Reply r = asked.ask(chat, question, topK, Silent.INSTANCE);
      ctx.json(ChatResponse.of(r));
      return;
    }
    SseStream events = SseStream.open(ctx.res(), mapper);
    ScheduledFuture<?> beat =
        keepAlive.scheduleAtFixedRate(
            events::keepAlive, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    try {
      ChatService.Reply r =
          asked.ask(
              chat,
              question,
              topK,
              new ChatService.Listener() {
                @Override
                public void retrieved(
                    String id, QuestionRewriter.Rewrite searched, Retrieval retrieval) {
                  events.send("retrieval", RetrievalEvent.of(id, question, searched, retrieval));
                  stopIfGone(events);
                }

                @Override
                public void text(String piece) {
                  events.send("token", new TokenEvent(piece));
                  stopIfGone(events);
                }
              });
      Answer a = r.result().answer();
      events.send("citations", new CitationsEvent(a.citations(), a.unsupportedClaims()));
      events.send("done", ChatResponse.of(r));
    } catch (Stopped e) {
      LOG.info(
          "request {}: the client stopped reading; the answer was abandoned", RequestIds.of(ctx));
    } catch (RuntimeException e) {
      LOG.error(
          "request {}: POST /api/v1/chat failed after its stream opened", RequestIds.of(ctx), e);
      events.send("error", ErrorBody.of("internal", "internal error; see the server log", null));
    } finally {
      beat.cancel(false);
    }
  }

  /**
   * Stops answering for a client that has gone (the page's Stop button closes the stream): the
   * answer is not written on, and the turn is not kept.
   */
  private static void stopIfGone(SseStream events) {
    if (events.gone()) {
      throw new Stopped();
    }
  }

  /** Thrown through the answerer when the client of a stream has gone. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super("the client stopped reading the stream", null, false, false);
    }
  }

  /** Events unless the client asked for JSON and not for events. */
  static boolean wantsEvents(String accept) {
    if (accept == null || accept.isBlank() || accept.contains("text/event-stream")) {
      return true;
    }
    return !accept.contains("application/json");
  }

  private static String conversationId(JsonNode body) {
    JsonNode v = body.get("conversationId");
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || !CONVERSATION_ID.matcher(v.asText()).matches()) {
      throw new BadInputException(
          "bad_value",
          "conversationId",
          "'conversationId' must be 1 to 100 letters, digits, '.', '_', ':' or '-'");
    }
    return v.asText();
  }

  @Override
  public void close() {
    keepAlive.shutdownNow();
  }

  record RetrievalEvent(
      String conversationId,
      String question,
      String searchedQuestion,
      String rewrittenBy,
      List<ApiHandlers.SearchHit> passages) {
    static RetrievalEvent of(
        String id, String question, QuestionRewriter.Rewrite searched, Retrieval retrieval) {
      return new RetrievalEvent(
          id,
          question,
          searched.question(),
          searched.by(),
          ApiHandlers.SearchHit.ranked(retrieval.passages()));
    }
  }

  record TokenEvent(String text) {}

  record CitationsEvent(List<Citation> citations, List<String> unsupportedClaims) {}

  /** The final answer: the {@code done} event, or the JSON reply. */
  record ChatResponse(
      String conversationId,
      String question,
      String searchedQuestion,
      String rewrittenBy,
      @JsonUnwrapped AnswerBody body) {
    static ChatResponse of(ChatService.Reply r) {
      return new ChatResponse(
          r.conversationId(),
          r.question(),
          r.searchedQuestion(),
          r.rewrittenBy(),
          AnswerBody.of(r.result()));
    }
  }
}
