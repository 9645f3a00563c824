package dev.askdocs.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askdocs.BadInputException;
import dev.askdocs.answer.Answer;
import dev.askdocs.answer.Citation;
import dev.askdocs.chat.ChatService;
import dev.askdocs.chat.QuestionRewriter;
import dev.askdocs.chat.Turn;
import dev.askdocs.config.Config;
import dev.askdocs.index.ChunkFilter;
import dev.askdocs.retrieve.Retrieval;
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

  /** The one model: askdocs' answers from all documents. */
  static final String MODEL = "askdocs";

  private final Config config;
  private final ChatService chat;
  private final ApiHandlers api;
  private final JsonBodies bodies;
  private final ObjectMapper mapper;
  private final long created = Instant.now().getEpochSecond();

  OpenAiEndpoint(
      Config config, ChatService chat, ApiHandlers api, JsonBodies bodies, ObjectMapper mapper) {
    this.config = config;
    this.chat = chat;
    this.api = api;
    this.bodies = bodies;
    this.mapper = mapper;
  }

  void models(Context ctx) {
    ctx.json(new ModelList("list", List.of(new Model(MODEL, "model", created, "askdocs"))));
  }

  void completions(Context ctx) throws IOException {
    JsonNode body = bodies.object(ctx);
    Conversation c = Conversation.of(body.get("messages"), config.maxQuestionChars());
    boolean stream = flag(body, "stream");
    boolean usageChunk =
        stream && body.path("stream_options").path("include_usage").asBoolean(false);
    JsonNode n = body.get("n");
    if (n != null && !n.isNull() && n.asInt(-1) != 1) {
      throw new BadInputException(
          "unsupported_value", "n", "askdocs gives one answer: 'n' must be 1");
    }
    int topK = JsonBodies.optionalInt(body, "topK", config.topK(), 1, Config.MAX_TOP_K);
    ChunkFilter filter = Filters.fromJson(body);
    api.requireReady();
    String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    if (!stream) {
      ChatService.Reply r =
          chat.answer(id, c.history(), c.question(), topK, filter, Silent.INSTANCE);
      Answer a = r.result().answer();
      ctx.json(
          new Completion(
              id,
              "chat.completion",
              Instant.now().getEpochSecond(),
              MODEL,
              List.of(new Choice(0, new Message("assistant", text(a)), null, "stop")),
              Usage.NOT_COUNTED,
              a.citations()));
      return;
    }
    SseStream events = SseStream.open(ctx.res(), mapper);
    long at = Instant.now().getEpochSecond();
    events.data(chunk(id, at, new Delta("assistant", ""), null, null));
    try {
      ChatService.Reply r =
          chat.answer(id, c.history(), c.question(), topK, filter, Silent.INSTANCE);
      Answer a = r.result().answer();
      events.data(chunk(id, at, new Delta(null, a.text()), null, null));
      String sources = sources(a);
      if (!sources.isEmpty()) {
        events.data(chunk(id, at, new Delta(null, sources), null, null));
      }
      events.data(
          new Chunk(
              id,
              "chat.completion.chunk",
              at,
              MODEL,
              List.of(new Choice(0, null, new Delta(null, null), "stop")),
              null,
              a.citations()));
      if (usageChunk) {
        events.data(
            new Chunk(id, "chat.completion.chunk", at, MODEL, List.of(), Usage.NOT_COUNTED, null));
      }
    } catch (RuntimeException e) {
      LOG.error("POST /v1/chat/completions failed after its stream opened", e);
      events.data(OpenAiError.of(500, "internal", "internal error; see the server log", null));
    }
    events.done();
  }

  private static Chunk chunk(String id, long at, Delta delta, String finish, Usage usage) {
    return new Chunk(
        id,
        "chat.completion.chunk",
        at,
        MODEL,
        List.of(new Choice(0, null, delta, finish)),
        usage,
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
      if (c.page() != null) {
        out.append(", page ").append(c.page());
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

  /** The question and the turns before it, read from OpenAI-style messages. */
  record Conversation(String question, List<Turn> history) {
    static Conversation of(JsonNode messages, int maxChars) {
      if (messages == null || !messages.isArray() || messages.isEmpty()) {
        throw new BadInputException(
            "missing_field", "messages", "'messages' must be a non-empty array");
      }
      List<Turn> history = new ArrayList<>();
      String pending = null;
      int last = messages.size() - 1;
      for (int i = 0; i < messages.size(); i++) {
        JsonNode m = messages.get(i);
        String role = m.path("role").asText("");
        String content = content(m, i);
        if (i == last) {
          if (!role.equals("user")) {
            throw new BadInputException(
                "bad_value",
                "messages",
                "the last message must have role 'user': it is the question");
          }
          String q = JsonBodies.checkedText(content, "messages", maxChars);
          return new Conversation(q, history);
        }
        switch (role) {
          case "user" -> pending = content;
          case "assistant" -> {
            if (pending != null) {
              history.add(new Turn(pending, pending, withoutSources(content), Instant.EPOCH));
              pending = null;
            }
          }
          case "system", "developer", "tool", "function" -> {
            // Instructions for a model: askdocs answers from its documents, whatever they say.
          }
          default ->
              throw new BadInputException(
                  "bad_value", "messages", "message " + i + " has an unknown role '" + role + "'");
        }
      }
      throw new IllegalStateException("unreachable: the loop returns at the last message");
    }

    /** A message's text: a string, or the text parts of an array of parts. */
    private static String content(JsonNode m, int i) {
      JsonNode c = m.get("content");
      if (c == null || c.isNull()) {
        return "";
      }
      if (c.isTextual()) {
        return c.asText();
      }
      if (c.isArray()) {
        StringBuilder out = new StringBuilder();
        for (JsonNode part : c) {
          if (part.path("type").asText().equals("text")) {
            out.append(out.length() == 0 ? "" : "\n").append(part.path("text").asText());
          }
        }
        return out.toString();
      }
      throw new BadInputException(
          "wrong_type", "messages", "message " + i + ": 'content' must be a string or an array");
    }

    private static String withoutSources(String answer) {
      int at = answer.indexOf("\n\nSources:");
      return at < 0 ? answer : answer.substring(0, at);
    }
  }

  private enum Silent implements ChatService.Listener {
    INSTANCE;

    @Override
    public void retrieved(String id, QuestionRewriter.Rewrite searched, Retrieval retrieval) {
      // The reply carries the citations at the end.
    }

    @Override
    public void text(String piece) {
      // Provisional text is not streamed; see the class comment.
    }
  }

  record ModelList(String object, List<Model> data) {}

  record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {}

  record Message(String role, String content) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Delta(String role, String content) {}

  record Choice(
      int index,
      @JsonInclude(JsonInclude.Include.NON_NULL) Message message,
      @JsonInclude(JsonInclude.Include.NON_NULL) Delta delta,
      @JsonProperty("finish_reason") String finishReason) {}

  /**
   * Token counts. askdocs does not count tokens with the tokenizer of any OpenAI model, and an
   * extractive answer runs no language model at all, so the counts are zero rather than guessed.
   */
  record Usage(
      @JsonProperty("prompt_tokens") int promptTokens,
      @JsonProperty("completion_tokens") int completionTokens,
      @JsonProperty("total_tokens") int totalTokens) {
    static final Usage NOT_COUNTED = new Usage(0, 0, 0);
  }

  record Completion(
      String id,
      String object,
      long created,
      String model,
      List<Choice> choices,
      Usage usage,
      List<Citation> citations) {}

  record Chunk(
      String id,
      String object,
      long created,
      String model,
      List<Choice> choices,
      @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Citation> citations) {}

  /** OpenAI's error body: {@code {"error": {"message", "type", "param", "code"}}}. */
  record OpenAiError(Error error) {
    record Error(String message, String type, String param, String code) {}

    static OpenAiError of(int status, String code, String message, String param) {
      String type =
          switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
          };
      return new OpenAiError(new Error(message, type, param, code));
    }
  }
}
