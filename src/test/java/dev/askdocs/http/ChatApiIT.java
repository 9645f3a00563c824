package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/chat} with the default, extractive answerer: Server-Sent Events read by a
 * real HTTP client, conversations and follow-up questions, and the JSON form.
 */
class ChatApiIT {
  @TempDir static Path tmp;
  static App app;
  static SseClient sse;
  static HttpJson http;

  @BeforeAll
  static void start() {
    app =
        App.start(
            Config.builder()
                .set(Config.CORPUS_DIR, TestCorpus.withSeed(tmp.resolve("corpus")))
                .set(Config.INDEX_DIR, tmp.resolve("index"))
                .set(Config.PORT, 0)
                .build());
    app.awaitReady(Duration.ofMinutes(2));
    sse = new SseClient(app.port());
    http = new HttpJson(app.port());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static String body(Object... keyValues) throws Exception {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return HttpJson.MAPPER.writeValueAsString(m);
  }

  @Test
  void streams_retrieval_then_sentences_then_citations_then_the_answer() throws Exception {
    var r = sse.post("/api/v1/chat", body("question", "How many TTP fighters are in Afghanistan?"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/event-stream");
    assertThat(r.names().get(0)).isEqualTo("retrieval");
    assertThat(r.names().subList(r.names().size() - 2, r.names().size()))
        .containsExactly("citations", "done");
    assertThat(r.names().subList(1, r.names().size() - 2)).isNotEmpty().containsOnly("token");
    assertThat(r.named("error")).isEmpty();

    JsonNode retrieval = r.named("retrieval").get(0).data();
    assertThat(retrieval.get("searchedQuestion").asText())
        .isEqualTo("How many TTP fighters are in Afghanistan?");
    assertThat(retrieval.get("passages")).isNotEmpty();
    assertThat(retrieval.get("passages").get(0).get("rank").asInt()).isEqualTo(1);

    JsonNode done = r.done();
    StringBuilder streamed = new StringBuilder();
    r.named("token").forEach(e -> streamed.append(e.data().get("text").asText()));
    assertThat(streamed.toString()).isEqualTo(done.get("answer").asText());
    assertThat(done.get("answer").asText()).contains("8,000 to 12,000").contains("[1]");
    assertThat(done.get("answeredBy").asText()).isEqualTo("extractive");
    assertThat(done.get("conversationId").asText()).isNotBlank();
    assertThat(done.get("citations").get(0).get("supported").asBoolean()).isTrue();
    assertThat(r.named("citations").get(0).data().get("citations"))
        .isEqualTo(done.get("citations"));
    assertThat(done.get("unsupportedClaims")).isEmpty();
  }

  @Test
  void rewrites_a_follow_up_with_what_the_conversation_was_about() throws Exception {
    JsonNode first =
        sse.post("/api/v1/chat", body("question", "How many TTP fighters are in Afghanistan?"))
            .done();
    String id = first.get("conversationId").asText();

    var r =
        sse.post(
            "/api/v1/chat",
            body("question", "And how many if families are counted?", "conversationId", id));

    JsonNode done = r.done();
    assertThat(done.get("conversationId").asText()).isEqualTo(id);
    assertThat(done.get("question").asText()).isEqualTo("And how many if families are counted?");
    assertThat(done.get("searchedQuestion").asText())
        .startsWith("And how many if families are counted?")
        .contains("TTP")
        .contains("fighters");
    assertThat(done.get("rewrittenBy").asText()).isEqualTo("heuristic");
    assertThat(r.named("retrieval").get(0).data().get("searchedQuestion"))
        .isEqualTo(done.get("searchedQuestion"));
    assertThat(done.get("answer").asText()).contains("30,000");
  }

  @Test
  void the_same_follow_up_in_a_new_conversation_is_searched_as_asked() throws Exception {
    JsonNode done =
        sse.post("/api/v1/chat", body("question", "And how many if families are counted?")).done();

    assertThat(done.get("searchedQuestion").asText())
        .isEqualTo("And how many if families are counted?");
    assertThat(done.get("rewrittenBy").asText()).isEqualTo("none");
  }

  @Test
  void answers_with_one_json_object_to_a_client_that_accepts_only_json() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/v1/chat"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            body(
                                "question",
                                "Who is the spokesperson of Pakistan's Foreign Office?")))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode a = HttpJson.MAPPER.readTree(r.body());
    assertThat(a.get("answer").asText()).contains("Mumtaz Zahra Baloch");
    assertThat(a.get("conversationId").asText()).isNotBlank();
  }

  @Test
  void refuses_bad_input_before_streaming_with_a_json_error() throws Exception {
    var missing = http.post("/api/v1/chat", "{}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("error").get("field").asText()).isEqualTo("question");

    var badId = http.post("/api/v1/chat", body("question", "Who?", "conversationId", "a b<c>"));
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.json().get("error").get("field").asText()).isEqualTo("conversationId");
  }

  @Test
  void says_in_health_that_llm_answers_are_off() throws Exception {
    JsonNode health = http.get("/health").json();
    assertThat(health.get("status").asText()).isEqualTo("ready");
    assertThat(health.get("llm").get("configured").asBoolean()).isFalse();
    assertThat(health.get("llm").get("state").asText()).isEqualTo("off");
  }

  @Test
  void ask_still_answers_without_a_conversation() throws Exception {
    JsonNode a = http.ask("How many TTP fighters are in Afghanistan?").json();
    assertThat(a.get("answer").asText()).contains("8,000 to 12,000");
    assertThat(a.get("answeredBy").asText()).isEqualTo("extractive");
    assertThat(a.has("conversationId")).isFalse();
  }
}
