package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/feedback} on the real app: stored beside the index, bad input refused. */
class FeedbackApiIT {
  @TempDir static Path tmp;
  static App app;
  static HttpJson http;
  static Path file;

  @BeforeAll
  static void start() {
    app =
        App.start(
            Config.builder()
                .set(Config.CORPUS_DIR, TestCorpus.withSeed(tmp.resolve("corpus")))
                .set(Config.INDEX_DIR, tmp.resolve("data").resolve("index"))
                .set(Config.PORT, 0)
                .build());
    app.awaitReady(Duration.ofMinutes(2));
    http = new HttpJson(app.port());
    file = tmp.resolve("data").resolve("feedback.jsonl");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String json(Object value) throws Exception {
    return HttpJson.MAPPER.writeValueAsString(value);
  }

  private static Map<String, Object> valid() {
    return Map.of(
        "rating",
        "down",
        "conversationId",
        "c-42",
        "question",
        "How many TTP fighters are in Afghanistan?",
        "answer",
        "Between 8,000 and 12,000 [1].",
        "citations",
        List.of(
            Map.of(
                "n", 1,
                "documentId", "0123456789abcdef",
                "title", "Taliban urges Pakistan",
                "source", "taliban.txt",
                "quote", "between 8,000 and 12,000 TTP fighters")),
        "comment",
        "Quote is right, answer too short");
  }

  @Test
  void stores_the_verdict_with_question_answer_and_citations() throws Exception {
    var r = http.post("/api/v1/feedback", json(valid()));

    assertThat(r.status()).isEqualTo(201);
    String id = r.json().get("id").asText();
    JsonNode stored = null;
    for (String line : Files.readAllLines(file)) {
      JsonNode node = HttpJson.MAPPER.readTree(line);
      if (node.get("id").asText().equals(id)) {
        stored = node;
      }
    }
    assertThat(stored).as("record " + id + " in " + file).isNotNull();
    assertThat(stored.get("rating").asText()).isEqualTo("down");
    assertThat(stored.get("conversationId").asText()).isEqualTo("c-42");
    assertThat(stored.get("question").asText()).contains("TTP fighters");
    assertThat(stored.get("answer").asText()).isEqualTo("Between 8,000 and 12,000 [1].");
    assertThat(stored.get("citations").get(0).get("quote").asText()).contains("8,000");
    assertThat(stored.get("comment").asText()).isEqualTo("Quote is right, answer too short");
    assertThat(stored.get("at").asText()).isEqualTo(r.json().get("storedAt").asText());
  }

  @Test
  void refuses_bad_input_naming_the_field_and_stores_nothing() throws Exception {
    long before = Files.exists(file) ? Files.readAllLines(file).size() : 0;
    var wrongRating = new java.util.HashMap<>(valid());
    wrongRating.put("rating", "meh");
    var noAnswer = new java.util.HashMap<>(valid());
    noAnswer.remove("answer");
    var hugeAnswer = new java.util.HashMap<>(valid());
    hugeAnswer.put("answer", "x".repeat(FeedbackEndpoint.MAX_ANSWER_CHARS + 1));
    var badCitations = new java.util.HashMap<>(valid());
    badCitations.put("citations", "[1]");

    assertError(http.post("/api/v1/feedback", json(wrongRating)), "bad_value", "rating");
    assertError(http.post("/api/v1/feedback", json(noAnswer)), "missing_field", "answer");
    assertError(http.post("/api/v1/feedback", json(hugeAnswer)), "too_long", "answer");
    assertError(http.post("/api/v1/feedback", json(badCitations)), "wrong_type", "citations");
    var longQuote = new java.util.HashMap<>(valid());
    longQuote.put(
        "citations",
        List.of(
            Map.of("n", 1),
            Map.of("n", 2, "quote", "q".repeat(FeedbackEndpoint.MAX_QUOTE_CHARS + 1))));
    assertError(http.post("/api/v1/feedback", json(longQuote)), "too_long", "citations[1].quote");
    assertError(http.post("/api/v1/feedback", "{not json"), "malformed_json", null);
    long after = Files.exists(file) ? Files.readAllLines(file).size() : 0;
    assertThat(after).isEqualTo(before);
  }

  private static void assertError(HttpJson.Reply r, String code, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("error").get("code").asText()).isEqualTo(code);
    if (field == null) {
      assertThat(r.json().get("error").get("field").isNull()).isTrue();
    } else {
      assertThat(r.json().get("error").get("field").asText()).isEqualTo(field);
    }
  }
}
