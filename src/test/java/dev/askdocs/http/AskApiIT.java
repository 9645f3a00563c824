package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON API over real HTTP, on the real seed article, model and Lucene index. */
class AskApiIT {
  @TempDir static Path tmp;
  static App app;
  static HttpJson http;

  @BeforeAll
  static void start() {
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, TestCorpus.withSeed(tmp.resolve("corpus")))
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .build();
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(2));
    http = new HttpJson(app.port());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void answers_with_citation_when_passage_found() throws Exception {
    var r = http.ask("Who is the Pakistani special representative for Afghanistan?");
    assertThat(r.status()).isEqualTo(200);
    JsonNode a = r.json();
    assertThat(a.get("abstained").asBoolean()).isFalse();
    assertThat(a.get("answer").asText()).contains("Asif Durrani").contains("[1]");
    JsonNode c = a.get("citations").get(0);
    assertThat(c.get("n").asInt()).isEqualTo(1);
    assertThat(c.get("quote").asText()).contains("Asif Durrani");
    assertThat(c.get("source").asText()).isEqualTo(TestCorpus.SEED);
    assertThat(c.get("title").asText()).startsWith("Taliban urges Pakistan");
    assertThat(c.get("chunkId").asText()).startsWith(c.get("documentId").asText() + "#");
    assertThat(a.get("timingsMs").get("total").asDouble()).isPositive();

    // The offsets point at the exact quote in the document the citation names.
    JsonNode doc = http.get("/api/v1/documents/" + c.get("documentId").asText()).json();
    String text = doc.get("text").asText();
    assertThat(text.substring(c.get("start").asInt(), c.get("end").asInt()))
        .isEqualTo(c.get("quote").asText());
  }

  static Stream<Arguments> answerable() {
    return TestCorpus.lines("/questions/seed-answerable.tsv").stream()
        .map(l -> l.split("\t"))
        .map(p -> Arguments.of(p[0], p[1]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answerable")
  void answers_questions_the_article_answers(String question, String expected) throws Exception {
    JsonNode a = http.ask(question).json();
    assertThat(a.get("abstained").asBoolean()).as(a.toString()).isFalse();
    assertThat(a.get("citations").get(0).get("quote").asText()).contains(expected);
  }

  static Stream<String> unanswerable() {
    return TestCorpus.lines("/questions/seed-unanswerable.txt").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unanswerable")
  void abstains_when_the_article_does_not_answer(String question) throws Exception {
    var r = http.ask(question);
    assertThat(r.status()).isEqualTo(200);
    JsonNode a = r.json();
    assertThat(a.get("abstained").asBoolean()).as(a.toString()).isTrue();
    assertThat(a.get("citations")).isEmpty();
    assertThat(a.get("answer").asText()).contains("don't contain");
    assertThat(a.get("seeAlso").size()).isBetween(1, 3);
  }

  @Test
  void searches_passages_by_hybrid_bm25_and_dense() throws Exception {
    for (String mode : new String[] {"hybrid", "bm25", "dense"}) {
      var r = http.get("/api/v1/search?q=TTP+fighters+in+Afghanistan&k=3&mode=" + mode);
      assertThat(r.status()).isEqualTo(200);
      JsonNode results = r.json().get("results");
      assertThat(results.size()).isBetween(1, 3);
      assertThat(results.get(0).get("rank").asInt()).isEqualTo(1);
      assertThat(results.get(0).get("score").asDouble()).isPositive();
    }
    JsonNode top = http.get("/api/v1/search?q=TTP+fighters&k=1").json().get("results").get(0);
    assertThat(top.get("text").asText()).contains("8,000");
  }

  @Test
  void lists_documents_and_shows_one() throws Exception {
    JsonNode docs = http.get("/api/v1/documents").json().get("documents");
    assertThat(docs.size()).isEqualTo(1);
    JsonNode d = docs.get(0);
    assertThat(d.get("source").asText()).isEqualTo(TestCorpus.SEED);
    assertThat(d.get("chunks").asInt()).isPositive();
    assertThat(d.get("indexedAt").asText()).isNotBlank();
    JsonNode full = http.get("/api/v1/documents/" + d.get("id").asText()).json();
    assertThat(full.get("text").asText()).startsWith("Taliban urges Pakistan");
    assertThat(full.get("title").asText()).isEqualTo(d.get("title").asText());
  }

  @Test
  void reports_health_with_index_stats() throws Exception {
    var r = http.get("/health");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("ready");
    assertThat(r.json().get("index").get("documents").asInt()).isEqualTo(1);
    assertThat(r.json().get("index").get("embeddingModel").asText())
        .isEqualTo("all-minilm-l6-v2-q");
    assertThat(r.json().get("version").asText()).isEqualTo(dev.askdocs.config.Version.current());
  }

  @Test
  void serves_the_chat_page() throws Exception {
    var r = http.get("/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/html");
    assertThat(r.body()).contains("app.js");
    assertThat(r.headers().firstValue("Content-Security-Policy"))
        .get()
        .asString()
        .contains("script-src 'self'");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
  }

  @Test
  void chat_routes_are_off_without_their_secrets() throws Exception {
    for (String path : new String[] {"/slack/commands", "/slack/events", "/hooks/mattermost"}) {
      assertThat(http.post(path, "{}").status()).as(path).isEqualTo(404);
    }
  }

  static Stream<Arguments> badAsks() {
    String longQuestion = "why ".repeat(600);
    return Stream.of(
        Arguments.of("", "missing_body", null),
        Arguments.of("{\"question\": ", "malformed_json", null),
        Arguments.of("[\"a question\"]", "malformed_json", null),
        Arguments.of("{}", "missing_field", "question"),
        Arguments.of("{\"question\": null}", "missing_field", "question"),
        Arguments.of("{\"question\": 42}", "wrong_type", "question"),
        Arguments.of("{\"question\": \"   \"}", "blank_field", "question"),
        Arguments.of("{\"question\": \"" + longQuestion + "\"}", "too_long", "question"),
        Arguments.of("{\"question\": \"q?\", \"topK\": \"five\"}", "wrong_type", "topK"),
        Arguments.of("{\"question\": \"q?\", \"topK\": 2.5}", "wrong_type", "topK"),
        Arguments.of("{\"question\": \"q?\", \"topK\": 0}", "out_of_range", "topK"),
        Arguments.of("{\"question\": \"q?\", \"topK\": 51}", "out_of_range", "topK"));
  }

  @ParameterizedTest(name = "{1} for {0}")
  @MethodSource("badAsks")
  void refuses_bad_ask_requests_with_a_json_error(String body, String code, String field)
      throws Exception {
    var r = http.post("/api/v1/ask", body);
    assertThat(r.status()).isEqualTo(400);
    JsonNode e = r.json().get("error");
    assertThat(e.get("code").asText()).isEqualTo(code);
    assertThat(e.get("message").asText()).isNotBlank();
    if (field == null) {
      assertThat(e.get("field").isNull()).isTrue();
    } else {
      assertThat(e.get("field").asText()).isEqualTo(field);
    }
  }

  @Test
  void refuses_other_bad_requests_with_json_errors() throws Exception {
    var unknownDoc = http.get("/api/v1/documents/0123456789abcdef");
    assertThat(unknownDoc.status()).isEqualTo(404);
    assertThat(unknownDoc.json().get("error").get("code").asText()).isEqualTo("not_found");

    var traversal = http.get("/api/v1/documents/..%2F..%2Fetc%2Fpasswd");
    assertThat(traversal.status()).isEqualTo(404);

    var noQuery = http.get("/api/v1/search");
    assertThat(noQuery.status()).isEqualTo(400);
    assertThat(noQuery.json().get("error").get("field").asText()).isEqualTo("q");

    var badK = http.get("/api/v1/search?q=peace&k=abc");
    assertThat(badK.status()).isEqualTo(400);
    assertThat(badK.json().get("error").get("field").asText()).isEqualTo("k");

    var badMode = http.get("/api/v1/search?q=peace&mode=magic");
    assertThat(badMode.json().get("error").get("field").asText()).isEqualTo("mode");

    var noRoute = http.get("/api/v1/nothing-here");
    assertThat(noRoute.status()).isEqualTo(404);
    assertThat(noRoute.json().get("error").get("code").asText()).isEqualTo("not_found");

    var tooLarge = http.post("/api/v1/ask", "{\"question\": \"" + "x".repeat(2_000_000) + "\"}");
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.json().get("error").get("code").asText()).isEqualTo("too_large");
  }
}
