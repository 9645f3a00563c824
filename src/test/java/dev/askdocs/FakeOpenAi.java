package dev.askdocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.askdocs.config.ConfigBuilder;
import dev.askdocs.config.LlmSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local stand-in for an OpenAI-compatible server, on a random loopback port: {@code POST
 * /v1/chat/completions} (whole or streamed as {@code data:} chunks ending in {@code [DONE]}) and
 * {@code GET /v1/models}. Replies are scripted: queued ones first, then the default responder.
 * Every chat request is recorded.
 */
public final class FakeOpenAi implements AutoCloseable {
  public static final String MODEL = "fake-model";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Reply> queued = new ConcurrentLinkedQueue<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Reply> responder = r -> Reply.text("NOT_IN_DOCUMENTS");
  private volatile int modelsStatus = 200;

  /** A chat request as received. */
  public record Request(JsonNode body, Map<String, List<String>> headers) {
    public boolean streamed() {
      return body.path("stream").asBoolean(false);
    }

    /** The content of the last message with this role, or "". */
    public String message(String role) {
      String out = "";
      for (JsonNode m : body.path("messages")) {
        if (role.equals(m.path("role").asText())) {
          out = m.path("content").asText();
        }
      }
      return out;
    }

    public String authorization() {
      return headers.getOrDefault("Authorization", List.of("")).get(0);
    }
  }

  /**
   * One scripted reply.
   *
   * @param status HTTP status; 200 sends {@code text}
   * @param headers extra response headers (Retry-After)
   * @param text the assistant's text
   * @param delay wait before answering (or, streamed, before each token)
   */
  public record Reply(int status, Map<String, String> headers, String text, Duration delay) {
    public static Reply text(String text) {
      return new Reply(200, Map.of(), text, Duration.ZERO);
    }

    public static Reply status(int status) {
      return new Reply(status, Map.of(), null, Duration.ZERO);
    }

    public static Reply rateLimited(int retryAfterSeconds) {
      return new Reply(
          429, Map.of("Retry-After", String.valueOf(retryAfterSeconds)), null, Duration.ZERO);
    }

    public Reply after(Duration value) {
      return new Reply(status, headers, text, value);
    }
  }

  private FakeOpenAi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/v1/chat/completions", this::chat);
    server.createContext("/v1/models", this::models);
  }

  /**
   * {@code config} with its language model set to this fake ({@code MODEL} at {@link #baseUrl()}),
   * with {@code apiKey} and the call's timeout and the question's deadline in milliseconds.
   */
  public ConfigBuilder answering(
      ConfigBuilder config, String apiKey, int timeoutMs, int deadlineMs) {
    return config
        .set(LlmSettings.BASE_URL, baseUrl())
        .set(LlmSettings.MODEL, MODEL)
        .set(LlmSettings.API_KEY, apiKey)
        .set(LlmSettings.TIMEOUT_MS, timeoutMs)
        .set(LlmSettings.DEADLINE_MS, deadlineMs);
  }

  public static FakeOpenAi start() {
    try {
      FakeOpenAi fake = new FakeOpenAi();
      fake.server.start();
      return fake;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The base URL to configure: {@code http://127.0.0.1:<port>/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Answers every request not answered by a queued reply. */
  public FakeOpenAi respond(Function<Request, Reply> value) {
    responder = value;
    return this;
  }

  /** Queues replies for the next requests, in order. */
  public FakeOpenAi then(Reply... replies) {
    queued.addAll(List.of(replies));
    return this;
  }

  public FakeOpenAi modelsStatus(int value) {
    modelsStatus = value;
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public void reset() {
    queued.clear();
    requests.clear();
    responder = r -> Reply.text("NOT_IN_DOCUMENTS");
  }

  private void chat(HttpExchange ex) throws IOException {
    try (ex) {
      JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
      Request request = new Request(body, Map.copyOf(ex.getRequestHeaders()));
      requests.add(request);
      Reply reply = queued.poll();
      if (reply == null) {
        reply = responder.apply(request);
      }
      reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      if (reply.status() != 200) {
        sleep(reply.delay());
        send(ex, reply.status(), "{\"error\":{\"message\":\"scripted failure\"}}");
        return;
      }
      if (request.streamed()) {
        stream(ex, reply);
      } else {
        sleep(reply.delay());
        send(ex, 200, JSON.writeValueAsString(completion(reply.text())));
      }
    } catch (IOException e) {
      // The client gave up (a timeout under test): nothing left to answer.
    }
  }

  private void stream(HttpExchange ex, Reply reply) throws IOException {
    ex.getResponseHeaders().add("Content-Type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    write(out, chunk(Map.of("role", "assistant", "content", ""), null));
    for (String token : tokens(reply.text())) {
      sleep(reply.delay());
      write(out, chunk(Map.of("content", token), null));
    }
    write(out, chunk(Map.of(), "stop"));
    out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void write(OutputStream out, ObjectNode chunk) throws IOException {
    out.write(
        ("data: " + JSON.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Words with their trailing space, as a model streams them. */
  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ' ') {
        out.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  private static ObjectNode completion(String text) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1);
    root.put("model", MODEL);
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0).put("finish_reason", "stop");
    choice.putObject("message").put("role", "assistant").put("content", text);
    root.putObject("usage")
        .put("prompt_tokens", 10)
        .put("completion_tokens", 10)
        .put("total_tokens", 20);
    return root;
  }

  private static ObjectNode chunk(Map<String, String> delta, String finish) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 1);
    root.put("model", MODEL);
    ArrayNode choices = root.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    ObjectNode d = choice.putObject("delta");
    delta.forEach(d::put);
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    return root;
  }

  private void models(HttpExchange ex) throws IOException {
    try (ex) {
      if (modelsStatus != 200) {
        send(ex, modelsStatus, "{\"error\":{\"message\":\"no\"}}");
        return;
      }
      send(
          ex,
          200,
          "{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL + "\",\"object\":\"model\"}]}");
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  private static void sleep(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
