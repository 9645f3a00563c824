package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.askdocs.App;
import dev.askdocs.FakeOpenAi;
import dev.askdocs.FakeOpenAi.Reply;
import dev.askdocs.TestCorpus;
import dev.askdocs.answer.ConcurrencyLimiter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every answering HTTP route is admitted through the one limiter: with its single slot taken (by
 * the test, or by a question a slow model is still answering), each route refuses at once in its
 * own shape, and answers again once the slot is free.
 */
class OverloadIT {
  static final String QUESTION = "Who is the Pakistani special representative for Afghanistan?";

  @TempDir static Path tmp;
  static FakeOpenAi fake;
  static ConcurrencyLimiter limiter;
  static App app;
  static HttpJson http;

  @BeforeAll
  static void start() {
    fake = FakeOpenAi.start();
    // One slot and no waiting: a second answer is refused the moment it asks.
    limiter = new ConcurrencyLimiter(1, 0, Duration.ZERO);
    app =
        App.start(
            fake.answering(TestCorpus.servingSeed(tmp), "sk-overload-it", 60_000, 90_000).build(),
            limiter);
    app.awaitReady(Duration.ofMinutes(2));
    http = new HttpJson(app.port());
  }

  @AfterAll
  static void stop() {
    fake.close();
    app.close();
  }

  @AfterEach
  void reset() {
    fake.reset();
  }

  static HttpRequest route(String route) throws Exception {
    String base = http.base();
    String chat = HttpJson.MAPPER.writeValueAsString(Map.of("question", QUESTION));
    String completion =
        "{\"model\":\"askdocs\",\"stream\":"
            + route.endsWith("stream")
            + ",\"messages\":[{\"role\":\"user\",\"content\":\""
            + QUESTION
            + "\"}]}";
    return switch (route) {
      case "ask" -> json(base + "/api/v1/ask", chat, "application/json");
      case "search" ->
          HttpRequest.newBuilder(URI.create(base + "/api/v1/search?q=Afghanistan")).GET().build();
      case "chat-events" -> json(base + "/api/v1/chat", chat, "text/event-stream");
      case "chat-json" -> json(base + "/api/v1/chat", chat, "application/json");
      case "completions", "completions-stream" ->
          json(base + "/v1/chat/completions", completion, "*/*");
      default -> throw new IllegalArgumentException(route);
    };
  }

  static HttpRequest json(String url, String body, String accept) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .header("Accept", accept)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  static void assertRefused(String route, HttpJson.Reply r) {
    assertThat(r.status()).as(route).isEqualTo(503);
    assertThat(r.headers().firstValue("Retry-After")).as(route).hasValue("1");
    assertThat(r.contentType()).as(route).startsWith("application/json");
    assertThat(r.json().path("error").path("code").asText()).as(route).isEqualTo("overloaded");
    assertThat(r.json().path("error").path("message").asText()).as(route).isNotEmpty();
    if (route.startsWith("completions")) {
      // OpenAI's error shape, which OpenAI clients read and retry on.
      assertThat(r.json().path("error").path("type").asText()).isEqualTo("server_error");
    } else {
      assertThat(r.json().path("error").has("type")).as(route).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ask", "search", "chat-events", "chat-json", "completions", "completions-stream"})
  void refuses_at_once_while_every_slot_is_taken_and_answers_once_one_frees(String route)
      throws Exception {
    HttpJson.Reply refused;
    try (ConcurrencyLimiter.Permit taken = limiter.admit()) {
      refused = http.send(route(route));
    }
    assertRefused(route, refused);
    assertThat(fake.requests()).as("a refused question never reaches the model").isEmpty();

    HttpJson.Reply answered = http.send(route(route));
    assertThat(answered.status()).as(route).isEqualTo(200);
  }

  @Test
  void a_chat_stream_being_answered_holds_the_slot_that_the_other_routes_need() throws Exception {
    GatedReply slow = new GatedReply();
    fake.respond(r -> slow.next());
    CompletableFuture<HttpJson.Reply> streaming =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return http.send(route("chat-events"));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    // The model has the question: the stream holds the one slot until the model answers.
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> !fake.requests().isEmpty());
      for (String route : new String[] {"ask", "completions", "completions-stream", "chat-json"}) {
        assertRefused(route, http.send(route(route)));
      }
    } finally {
      slow.release();
    }
    HttpJson.Reply done = streaming.get();
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.body()).contains("event: done");
    assertThat(http.send(route("ask")).status()).isEqualTo(200);
  }

  @Test
  void every_response_carries_a_request_id_the_callers_own_when_it_is_sane() throws Exception {
    HttpJson.Reply first = http.get("/health");
    HttpJson.Reply second = http.get("/health");
    String id = first.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(second.headers().firstValue("X-Request-Id")).get().isNotEqualTo(id);
    for (String path : new String[] {"/", "/app.js", "/api/v1/nothing-here", "/openapi.json"}) {
      assertThat(http.get(path).headers().firstValue("X-Request-Id")).as(path).isPresent();
    }
    // Answered by Jetty before any route runs.
    HttpJson.Reply tooLong = http.get("/api/v1/search?q=" + "a".repeat(9000));
    assertThat(tooLong.status()).isEqualTo(414);
    assertThat(tooLong.headers().firstValue("X-Request-Id")).isPresent();

    HttpJson.Reply own =
        http.send(
            HttpRequest.newBuilder(URI.create(http.base() + "/api/v1/search?q="))
                .header("X-Request-Id", "client-7.a_b:c")
                .GET()
                .build());
    assertThat(own.status()).isEqualTo(400);
    assertThat(own.headers().firstValue("X-Request-Id")).hasValue("client-7.a_b:c");

    String hostile = "x".repeat(65);
    HttpJson.Reply replaced =
        http.send(
            HttpRequest.newBuilder(URI.create(http.base() + "/health"))
                .header("X-Request-Id", hostile)
                .GET()
                .build());
    assertThat(replaced.headers().firstValue("X-Request-Id"))
        .get()
        .asString()
        .matches("[0-9a-f-]{36}");
  }

  @Test
  void a_refusal_names_its_request_id_in_the_response_and_the_log() throws Exception {
    java.io.PrintStream stderr = System.err;
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    HttpJson.Reply refused;
    // Logback's console appender writes to whatever System.err is at the time of each line.
    System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
    try (ConcurrencyLimiter.Permit taken = limiter.admit()) {
      HttpRequest ask = route("ask");
      refused =
          http.send(
              HttpRequest.newBuilder(ask, (n, v) -> true)
                  .header("X-Request-Id", "overload-it-42")
                  .build());
    } finally {
      System.setErr(stderr);
    }
    assertRefused("ask", refused);
    assertThat(refused.headers().firstValue("X-Request-Id")).hasValue("overload-it-42");
    assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("request overload-it-42: POST /api/v1/ask refused: overloaded");
  }

  /** A model reply that waits until the test releases it. */
  static final class GatedReply {
    private final java.util.concurrent.CountDownLatch gate =
        new java.util.concurrent.CountDownLatch(1);

    Reply next() {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Reply.text("NOT_IN_DOCUMENTS");
    }

    void release() {
      gate.countDown();
    }
  }
}
