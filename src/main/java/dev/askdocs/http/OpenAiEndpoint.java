package dev.askdocs.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.BadInputException;
import dev.askdocs.answer.Answer;
import dev.askdocs.answer.Citation;
import dev.askdocs.answer.ConcurrencyLimiter;
import dev.askdocs.chat.ChatService;
import dev.askdocs.config.Config;
import dev.askdocs.index.ChunkFilter;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible API: {@code GET /v1/models} and {@code POST /v1/chat/completions}, plain or
 * streamed ({@code data:} chunks, then {@code data: [DONE]}). The last user message is the
 * question; the messages before it are the conversation, which the client keeps. The answer's text
 * carries {@code [n]} markers and a "Sources" list; the structured citations are in an extra
 * top-level {@code citations} field.
 *
 * <p>A streamed answer is sent once it has been checked: a written (LLM) answer's tokens are
 * provisional and may be replaced by a quoted one, and a chunk once sent cannot be taken back.
 */
final class OpenAiEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiEndpoint.class);

  /**
   * The model id of clients written before collections: the caller's default collection. Every
   * collection the caller may read is a model too, by its name.
   */
  static final String MODEL = "askdocs";

  private final Config config;
  private final ChatService chat;
  private final ApiHandlers api;
  private final JsonBodies bodies;
  private final ObjectMapper mapper;
  private final long created = Instant.now().getEpochSecond();

  private final Scopes scopes;

  OpenAiEndpoint(
      Config config,
      ChatService chat,
      ApiHandlers api,
      JsonBodies bodies,
      ObjectMapper mapper,
      Scopes scopes) {
    this.scopes = scopes;
    this.config = config;
    this.chat = chat;
    this.api = api;
    this.bodies = bodies;
    this.mapper = mapper;
  }

  /** The collections the caller may read, each a model. */
  void models(Context ctx) {
    List<OpenAiJson.Model> models =
        scopes.policy().grants(Callers.of(ctx)).keySet().stream()
            .map(name -> new OpenAiJson.Model(name, "model", created, "askdocs"))
            .toList();
    ctx.json(new OpenAiJson.ModelList("list", models));
  }

  /** The collection {@code model} names: a collection's name, or "askdocs" for the default. */
  private String collection(Context ctx, JsonNode body) {
    JsonNode m = body.get("model");
    if (m != null && !m.isNull() && !m.isTextual()) {
      throw new BadInputException("wrong_type", "model", "'model' must be a string");
    }
    String model = m == null || m.isNull() ? null : m.asText().strip();
    if (model == null || model.isEmpty() || MODEL.equals(model)) {
      model = null;
    } else if (!dev.askdocs.config.CollectionSettings.isValidName(model)) {
      throw new dev.askdocs.NotFoundException("no model named '" + model + "'");
    }
    return scopes.policy().resolve(Callers.of(ctx), model, dev.askdocs.access.Role.READER);
  }

  void completions(Context ctx) throws IOException {
    JsonNode body = bodies.object(ctx);
    OpenAiConversation c =
        OpenAiConversation.of(
            body.get("messages"), config.maxQuestionChars(), config.conversations().maxTurns());
    boolean stream = flag(body, "stream");
    boolean usageChunk =
        stream && body.path("stream_options").path("include_usage").asBoolean(false);
    JsonNode n = body.get("n");
    if (n != null && !n.isNull() && n.asInt(-1) != 1) {
      throw new BadInputException(
          "unsupported_value", "n", "askdocs gives one answer: 'n' must be 1");
    }
    int topK = JsonBodies.optionalInt(body, "topK", config.topK(), 1, Config.MAX_TOP_K);
    ChunkFilter filter = Scopes.within(Filters.fromJson(body), collection(ctx, body));
    // Admitted before anything is sent, so a refusal is OpenAI's error JSON with status 503.
    try (ConcurrencyLimiter.Permit admitted = api.admit()) {
      complete(ctx, c, stream, usageChunk, topK, filter);
    }
  }

  private void complete(
      Context ctx,
      OpenAiConversation c,
      boolean stream,
      boolean usageChunk,
      int topK,
      ChunkFilter filter)
      throws IOException {
    String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    if (!stream) {
      ChatService.Reply r =
          chat.answer(id, c.history(), c.question(), topK, filter, Silent.INSTANCE);
      Answer a = r.result().answer();
      ctx.json(
          new OpenAiJson.Completion(
              id,
              "chat.completion",
              Instant.now().getEpochSecond(),
              MODEL,
              List.of(
                  new OpenAiJson.Choice(
                      0, new OpenAiJson.Message("assistant", text(a)), null, "stop")),
              OpenAiJson.Usage.NOT_COUNTED,
              a.citations()));
      return;
    }
    SseStream events = SseStream.open(ctx.res(), mapper);
    long at = Instant.now().getEpochSecond();
    events.data(chunk(id, at, new OpenAiJson.Delta("assistant", "")));
    try {
      ChatService.Reply r =
          chat.answer(id, c.history(), c.question(), topK, filter, Silent.INSTANCE);
      Answer a = r.result().answer();
      events.data(chunk(id, at, new OpenAiJson.Delta(null, a.text())));
      String sources = sources(a);
      if (!sources.isEmpty()) {
        events.data(chunk(id, at, new OpenAiJson.Delta(null, sources)));
      }
      events.data(
          new OpenAiJson.Chunk(
              id,
              "chat.completion.chunk",
              at,
              MODEL,
              List.of(new OpenAiJson.Choice(0, null, new OpenAiJson.Delta(null, null), "stop")),
              null,
              a.citations()));
      if (usageChunk) {
        events.data(
            new OpenAiJson.Chunk(
                id,
                "chat.completion.chunk",
                at,
                MODEL,
                List.of(),
                OpenAiJson.Usage.NOT_COUNTED,
                null));
      }
    } catch (RuntimeException e) {
      LOG.error(
          "request {}: POST /v1/chat/completions failed after its stream opened",
          RequestIds.of(ctx),
          e);
      events.data(
          OpenAiJson.OpenAiError.of(500, "internal", "internal error; see the server log", null));
    }
    events.done();
  }

  private static OpenAiJson.Chunk chunk(String id, long at, OpenAiJson.Delta delta) {
    return new OpenAiJson.Chunk(
        id,
        "chat.completion.chunk",
        at,
        MODEL,
        List.of(new OpenAiJson.Choice(0, null, delta, null)),
        null,
        null);
  }

  /** The answer's text and, when it cites anything, a "Sources" list. */
  static String text(Answer a) {
    return a.text() + sources(a);
  }

  static String sources(Answer a) {
    if (a.citations().isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("\n\nSources:");
    List<Integer> listed = new ArrayList<>();
    for (Citation c : a.citations()) {
      if (listed.contains(c.n())) {
        continue;
      }
      listed.add(c.n());
      out.append("\n[")
          .append(c.n())
          .append("] ")
          .append(c.title())
          .append(" (")
          .append(c.source());
      if (c.location() != null) {
        out.append(", ").append(c.location());
      }
      out.append(")");
    }
    return out.toString();
  }

  private static boolean flag(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new BadInputException("wrong_type", field, "'" + field + "' must be true or false");
    }
    return v.asBoolean();
  }
}
