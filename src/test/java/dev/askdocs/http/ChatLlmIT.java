package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.App;
import dev.askdocs.FakeOpenAi;
import dev.askdocs.FakeOpenAi.Reply;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.Config;
import dev.askdocs.config.LlmSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole app with a (fake) OpenAI-compatible endpoint configured: written answers streamed over
 * Server-Sent Events, the follow-up rewritten by the model, failures answered extractively, and the
 * endpoint's state in {@code /health} without the key.
 */
class ChatLlmIT {
  static final String KEY = "sk-chat-llm-it-secret";
  static final String FIGHTERS_ANSWER =
      "According to the Express Tribune, there are between 8,000 and 12,000 TTP fighters in"
          + " Afghanistan [1].";

  @TempDir static Path tmp;
  static FakeOpenAi fake;
  static App app;
  static SseClient sse;
  static HttpJson http;

  @BeforeAll
  static void start() {
    fake = FakeOpenAi.start();
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, TestCorpus.withSeed(tmp.resolve("corpus")))
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .set(LlmSettings.BASE_URL, fake.baseUrl())
            .set(LlmSettings.MODEL, FakeOpenAi.MODEL)
            .set(LlmSettings.API_KEY, KEY)
            .set(LlmSettings.TIMEOUT_MS, 3_000)
            .set(LlmSettings.DEADLINE_MS, 8_000)
            .build();
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(2));
    sse = new SseClient(app.port());
    http = new HttpJson(app.port());
  }

  @AfterAll
  static void stop() {
    app.close();
    fake.close();
  }

  @AfterEach
  void reset() {
    fake.reset();
  }

  static String body(Map<String, String> fields) throws Exception {
    return HttpJson.MAPPER.writeValueAsString(fields);
  }

  /** The condense prompt is the only one sent without a system message. */
  static boolean condensing(FakeOpenAi.Request r) {
    return r.message("system").isEmpty();
  }

  @Test
  void streams_the_models_words_as_they_come_then_the_checked_answer() throws Exception {
    fake.respond(r -> Reply.text(FIGHTERS_ANSWER).after(Duration.ofMillis(60)));

    var r =
        sse.post(
            "/api/v1/chat", body(Map.of("question", "How many TTP fighters are in Afghanistan?")));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.names().get(0)).isEqualTo("retrieval");
    assertThat(r.named("token")).hasSizeGreaterThan(10);
    assertThat(r.names().subList(r.names().size() - 2, r.names().size()))
        .containsExactly("citations", "done");
    // Text arrives as the model writes it, not all at once at the end.
    long firstToken = r.named("token").get(0).atNanos();
    long done = r.named("done").get(0).atNanos();
    assertThat(Duration.ofNanos(done - firstToken)).isGreaterThan(Duration.ofMillis(400));
    StringBuilder streamed = new StringBuilder();
    r.named("token").forEach(e -> streamed.append(e.data().get("text").asText()));
    assertThat(streamed.toString()).isEqualTo(FIGHTERS_ANSWER);

    JsonNode a = r.done();
    assertThat(a.get("answeredBy").asText()).isEqualTo("llm");
    assertThat(a.get("answer").asText()).contains("8,000 and 12,000");
    assertThat(a.get("citations").get(0).get("supported").asBoolean()).isTrue();
    assertThat(a.get("citations").get(0).get("quote").asText()).contains("8,000 to 12,000");
    assertThat(a.get("unsupportedClaims")).isEmpty();
    assertThat(a.get("notice").isNull()).isTrue();
  }

  @Test
  void rewrites_the_follow_up_with_the_model_and_searches_that() throws Exception {
    fake.respond(
        r ->
            condensing(r)
                ? Reply.text(
                    "How many TTP fighters could there be in Afghanistan if family"
                        + " members are included?")
                : r.message("user").contains("family members are included?")
                    ? Reply.text(
                        "The number could rise to 30,000 if family members are included [1].")
                    : Reply.text(FIGHTERS_ANSWER));
    String id =
        sse.post(
                "/api/v1/chat",
                body(Map.of("question", "How many TTP fighters are in Afghanistan?")))
            .done()
            .get("conversationId")
            .asText();

    JsonNode a =
        sse.post(
                "/api/v1/chat",
                body(
                    Map.of(
                        "question", "And how many if families are counted?", "conversationId", id)))
            .done();

    assertThat(a.get("rewrittenBy").asText()).isEqualTo("llm");
    assertThat(a.get("searchedQuestion").asText())
        .isEqualTo(
            "How many TTP fighters could there be in Afghanistan if family members are included?");
    assertThat(a.get("answer").asText()).contains("30,000");
    FakeOpenAi.Request condense =
        fake.requests().stream().filter(ChatLlmIT::condensing).findFirst().orElseThrow();
    assertThat(condense.message("user"))
        .contains("User: How many TTP fighters are in Afghanistan?")
        .contains("Assistant: According to the Express Tribune")
        .contains("Last question: And how many if families are counted?");
  }

  @Test
  void answers_extractively_with_a_notice_when_the_model_keeps_failing() throws Exception {
    fake.respond(r -> Reply.status(500));

    var r =
        sse.post(
            "/api/v1/chat", body(Map.of("question", "How many TTP fighters are in Afghanistan?")));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.named("error")).isEmpty();
    JsonNode a = r.done();
    assertThat(a.get("answeredBy").asText()).isEqualTo("extractive");
    assertThat(a.get("notice").asText()).contains("server error");
    assertThat(a.get("answer").asText()).contains("8,000 to 12,000");

    JsonNode health = http.get("/health").json();
    assertThat(health.get("status").asText()).isEqualTo("ready");
    assertThat(health.get("llm").get("state").asText()).isEqualTo("server_error");
  }

  @Test
  void shows_the_endpoint_in_health_without_the_key() throws Exception {
    fake.respond(r -> Reply.text(FIGHTERS_ANSWER));
    sse.post("/api/v1/chat", body(Map.of("question", "How many TTP fighters are in Afghanistan?")));

    var health = http.get("/health");
    JsonNode llm = health.json().get("llm");
    assertThat(llm.get("configured").asBoolean()).isTrue();
    assertThat(llm.get("state").asText()).isEqualTo("ok");
    assertThat(llm.get("model").asText()).isEqualTo(FakeOpenAi.MODEL);
    assertThat(llm.get("apiKeySet").asBoolean()).isTrue();
    assertThat(health.body()).doesNotContain(KEY);
  }

  @Test
  void ask_gives_the_models_checked_answer_too() throws Exception {
    fake.respond(r -> Reply.text(FIGHTERS_ANSWER));

    JsonNode a = http.ask("How many TTP fighters are in Afghanistan?").json();

    assertThat(a.get("answeredBy").asText()).isEqualTo("llm");
    assertThat(a.get("citations").get(0).get("supported").asBoolean()).isTrue();
    assertThat(fake.requests().get(0).streamed()).isFalse();
  }
}
