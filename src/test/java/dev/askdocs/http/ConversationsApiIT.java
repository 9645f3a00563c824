package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.Config;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversation history over HTTP: a conversation continued after the server restarts on the
 * same folders, listed, searched, renamed, exported and deleted by its owner, and 404 for anyone
 * else. Two callers are two browsers' anonymous ids ({@code X-Askdocs-Browser}).
 */
class ConversationsApiIT {
  static final String ME = "browser-me-0001";
  static final String OTHER = "browser-other-02";

  @TempDir Path tmp;
  App app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  void start() {
    app =
        App.start(
            Config.builder()
                .set(Config.CORPUS_DIR, tmp.resolve("corpus"))
                .set(Config.INDEX_DIR, tmp.resolve("index"))
                .set(Config.PORT, 0)
                .set(
                    dev.askdocs.config.ConversationSettings.STARTER_QUESTIONS,
                    "Who leads the TTP? | How many TTP fighters are in Afghanistan?")
                .build());
    app.awaitReady(Duration.ofMinutes(2));
  }

  HttpJson.Reply send(String caller, String method, String path, Object body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .header("X-Askdocs-Browser", caller)
            .header("Accept", "application/json")
            .header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(HttpJson.MAPPER.writeValueAsString(body)));
    return new HttpJson(app.port()).send(b.build());
  }

  JsonNode chat(String caller, Map<String, Object> body) throws Exception {
    HttpJson.Reply r = send(caller, "POST", "/api/v1/chat", body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void a_conversation_outlives_a_restart_and_only_its_owner_sees_it() throws Exception {
    TestCorpus.withSeed(tmp.resolve("corpus"));
    start();
    // The configured starter questions, in order, instead of ones made from the documents.
    JsonNode starters = send(ME, "GET", "/api/v1/starters", null).json();
    assertThat(starters.get("source").asText()).isEqualTo("configured");
    assertThat(starters.get("questions").toString())
        .isEqualTo("[\"Who leads the TTP?\",\"How many TTP fighters are in Afghanistan?\"]");
    String id =
        chat(ME, Map.of("question", "How many TTP fighters are in Afghanistan?"))
            .get("conversationId")
            .asText();
    chat(OTHER, Map.of("question", "Who leads the Taliban?"));
    app.close();

    start();
    JsonNode followUp =
        chat(ME, Map.of("question", "And how many if families are counted?", "conversationId", id));
    assertThat(followUp.get("searchedQuestion").asText()).contains("TTP").contains("fighters");
    assertThat(followUp.get("answer").asText()).contains("30,000");

    JsonNode list = send(ME, "GET", "/api/v1/conversations", null).json();
    assertThat(list.get("conversations")).hasSize(1);
    assertThat(list.get("conversations").get(0).get("title").asText())
        .isEqualTo("How many TTP fighters are in Afghanistan?");
    assertThat(list.get("next").isNull()).isTrue();
    JsonNode one = send(ME, "GET", "/api/v1/conversations/" + id, null).json();
    assertThat(one.get("turns")).hasSize(2);
    assertThat(one.get("turns").get(0).get("citations").get(0).get("title").asText()).isNotBlank();

    assertThat(
            send(ME, "GET", "/api/v1/conversations?q=families", null).json().get("conversations"))
        .hasSize(1);
    assertThat(
            send(ME, "GET", "/api/v1/conversations?q=Taliban+leads", null)
                .json()
                .get("conversations"))
        .isEmpty();
    assertThat(send(ME, "GET", "/api/v1/conversations?limit=0", null).status()).isEqualTo(400);

    assertThat(send(OTHER, "GET", "/api/v1/conversations/" + id, null).status()).isEqualTo(404);
    assertThat(send(OTHER, "PATCH", "/api/v1/conversations/" + id, Map.of("title", "x")).status())
        .isEqualTo(404);
    assertThat(send(OTHER, "DELETE", "/api/v1/conversations/" + id, null).status()).isEqualTo(404);
    assertThat(send(OTHER, "GET", "/api/v1/conversations/" + id + "/export", null).status())
        .isEqualTo(404);

    HttpJson.Reply renamed =
        send(ME, "PATCH", "/api/v1/conversations/" + id, Map.of("title", "TTP numbers"));
    assertThat(renamed.json().get("title").asText()).isEqualTo("TTP numbers");
    HttpJson.Reply blank = send(ME, "PATCH", "/api/v1/conversations/" + id, Map.of("title", " "));
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().get("error").get("field").asText()).isEqualTo("title");

    HttpJson.Reply md = send(ME, "GET", "/api/v1/conversations/" + id + "/export?format=md", null);
    assertThat(md.contentType()).startsWith("text/markdown");
    assertThat(md.body())
        .startsWith("# TTP numbers")
        .contains("## And how many if families are counted?")
        .contains("30,000");
    JsonNode all = send(ME, "GET", "/api/v1/conversations/export?format=json", null).json();
    assertThat(all.get("conversations")).hasSize(1);
    assertThat(all.get("conversations").get(0).get("turns")).hasSize(2);
    assertThat(send(ME, "GET", "/api/v1/conversations/export?format=pdf", null).status())
        .isEqualTo(400);

    // Editing the first question cuts the conversation there.
    chat(ME, Map.of("question", "Who leads the Taliban?", "conversationId", id, "fromTurn", 0));
    JsonNode cut = send(ME, "GET", "/api/v1/conversations/" + id, null).json();
    assertThat(cut.get("turns")).hasSize(1);
    assertThat(cut.get("turns").get(0).get("question").asText())
        .isEqualTo("Who leads the Taliban?");

    assertThat(send(ME, "DELETE", "/api/v1/conversations/" + id, null).status()).isEqualTo(200);
    assertThat(send(ME, "GET", "/api/v1/conversations/" + id, null).status()).isEqualTo(404);
    chat(ME, Map.of("question", "Who leads the Taliban?"));
    assertThat(send(ME, "DELETE", "/api/v1/conversations", null).json().get("deleted").asInt())
        .isEqualTo(1);
    assertThat(send(ME, "GET", "/api/v1/conversations", null).json().get("conversations"))
        .isEmpty();
    assertThat(send(OTHER, "GET", "/api/v1/conversations", null).json().get("conversations"))
        .hasSize(1);
  }
}
