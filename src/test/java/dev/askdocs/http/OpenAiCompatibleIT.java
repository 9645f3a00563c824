package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.ApiSettings;
import dev.askdocs.config.Config;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAI-compatible API, spoken to by LangChain4j's own OpenAI clients (a client nobody on this
 * team wrote) with only the base URL and key changed, and by raw HTTP for the framing.
 */
class OpenAiCompatibleIT {
  static final String KEY = "sk-askdocs-test-0123456789abcdef";
  static final String QUESTION = "Who is the Pakistani special representative for Afghanistan?";

  @TempDir static Path tmp;
  static App app;
  static HttpJson http;
  static String baseUrl;

  @BeforeAll
  static void start() {
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, TestCorpus.withSeed(tmp.resolve("corpus")))
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .build();
    app =
        App.start(
            config.toBuilder()
                .set(ApiSettings.KEYS, List.of(KEY))
                .set(ApiSettings.KEYS_FILE, null)
                .build());
    app.awaitReady(Duration.ofMinutes(2));
    http = new HttpJson(app.port(), KEY);
    baseUrl = "http://127.0.0.1:" + app.port() + "/v1";
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void langchain4j_chat_model_gets_a_cited_answer() {
    ChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey(KEY)
            .modelName("askdocs")
            .maxRetries(0)
            .build();
    ChatResponse r = model.chat(UserMessage.from(QUESTION));
    String text = r.aiMessage().text();
    assertThat(text).contains("Asif Durrani").contains("[1]").contains("Sources:");
    assertThat(text).contains("[1] Taliban urges Pakistan").contains(TestCorpus.SEED);
    assertThat(r.metadata().modelName()).isEqualTo("askdocs");
    assertThat(r.metadata().finishReason().name()).isEqualTo("STOP");
    assertThat(r.tokenUsage().totalTokenCount()).isZero(); // not counted, so not invented
  }

  @Test
  void langchain4j_chat_model_carries_the_conversation_in_its_messages() {
    ChatModel model =
        OpenAiChatModel.builder().baseUrl(baseUrl).apiKey(KEY).modelName("default").build();
    ChatResponse first = model.chat(UserMessage.from("How many TTP fighters are in Afghanistan?"));
    ChatResponse followUp =
        model.chat(
            SystemMessage.from("You are a helpful assistant."),
            UserMessage.from("How many TTP fighters are in Afghanistan?"),
            first.aiMessage(),
            UserMessage.from("And how many if families are counted?"));
    assertThat(first.aiMessage().text()).contains("8,000 to 12,000");
    assertThat(followUp.aiMessage().text()).contains("30,000");
  }

  @Test
  void langchain4j_streaming_model_gets_a_cited_answer() throws Exception {
    StreamingChatModel model =
        OpenAiStreamingChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey(KEY)
            .modelName("askdocs")
            .build();
    List<String> pieces = new ArrayList<>();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(
        QUESTION,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            pieces.add(partial);
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    ChatResponse r = done.get(2, TimeUnit.MINUTES);
    assertThat(String.join("", pieces)).isEqualTo(r.aiMessage().text());
    assertThat(r.aiMessage().text()).contains("Asif Durrani").contains("[1]").contains("Sources:");
    assertThat(r.metadata().finishReason().name()).isEqualTo("STOP");
  }

  @Test
  void streams_data_chunks_ending_with_done_and_citations_in_the_last_chunk() throws Exception {
    var r =
        http.post(
            "/v1/chat/completions",
            "{\"model\": \"askdocs\", \"stream\": true, \"stream_options\": {\"include_usage\":"
                + " true}, \"messages\": [{\"role\": \"user\", \"content\": \""
                + QUESTION
                + "\"}]}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/event-stream");
    List<String> lines = r.body().lines().filter(l -> !l.isEmpty()).toList();
    assertThat(lines).allMatch(l -> l.startsWith("data: "));
    assertThat(lines.get(lines.size() - 1)).isEqualTo("data: [DONE]");
    assertThat(r.body()).endsWith("data: [DONE]\n\n");
    StringBuilder text = new StringBuilder();
    JsonNode finish = null;
    JsonNode usage = null;
    for (String l : lines.subList(0, lines.size() - 1)) {
      JsonNode chunk = HttpJson.MAPPER.readTree(l.substring(6));
      assertThat(OpenApiSchemas.problems("ChatCompletionChunk", chunk)).as(l).isEmpty();
      assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
      if (chunk.has("usage")) {
        usage = chunk.get("usage");
        continue;
      }
      JsonNode choice = chunk.get("choices").get(0);
      text.append(choice.get("delta").path("content").asText(""));
      if (!choice.get("finish_reason").isNull()) {
        finish = chunk;
      }
    }
    assertThat(text.toString()).contains("Asif Durrani").contains(". [1]\n\nSources:\n[1] ");
    assertThat(finish.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
    assertThat(finish.get("citations").get(0).get("quote").asText()).contains("Asif Durrani");
    assertThat(usage.get("total_tokens").asInt()).isZero();
  }

  @Test
  void answers_json_with_a_citations_field_and_honest_usage() throws Exception {
    var r =
        http.post(
            "/v1/chat/completions",
            "{\"model\": \"askdocs\", \"messages\": [{\"role\": \"user\", \"content\": [{\"type\":"
                + " \"text\", \"text\": \""
                + QUESTION
                + "\"}]}]}");
    assertThat(r.status()).isEqualTo(200);
    JsonNode c = r.json();
    assertThat(c.get("object").asText()).isEqualTo("chat.completion");
    assertThat(c.get("choices").get(0).get("message").get("role").asText()).isEqualTo("assistant");
    assertThat(c.get("citations").get(0).get("source").asText()).isEqualTo(TestCorpus.SEED);
    assertThat(c.get("usage").get("prompt_tokens").asInt()).isZero();
    assertThat(OpenApiSchemas.problems("ChatCompletion", c)).isEmpty();
  }

  @Test
  void lists_the_askdocs_model() throws Exception {
    JsonNode models = http.get("/v1/models").json();
    assertThat(models.get("object").asText()).isEqualTo("list");
    assertThat(models.get("data").findValuesAsText("id")).containsExactly("default");
    assertThat(OpenApiSchemas.problems("ModelList", models)).isEmpty();
  }

  @Test
  void errors_use_the_openai_error_shape() throws Exception {
    var empty = http.post("/v1/chat/completions", "{\"model\": \"askdocs\", \"messages\": []}");
    assertThat(empty.status()).isEqualTo(400);
    JsonNode e = empty.json().get("error");
    assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
    assertThat(e.get("param").asText()).isEqualTo("messages");
    assertThat(e.get("message").asText()).isNotBlank();
    assertThat(e.get("code").asText()).isEqualTo("missing_field");
    assertThat(OpenApiSchemas.problems("OpenAiError", empty.json())).isEmpty();

    var lastIsAssistant =
        http.post(
            "/v1/chat/completions",
            "{\"messages\": [{\"role\": \"assistant\", \"content\": \"Hello\"}]}");
    assertThat(lastIsAssistant.status()).isEqualTo(400);
    assertThat(lastIsAssistant.json().get("error").get("param").asText()).isEqualTo("messages");

    var noKey =
        new HttpJson(app.port())
            .send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build());
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.json().get("error").get("type").asText()).isEqualTo("authentication_error");
    assertThat(noKey.headers().firstValue("WWW-Authenticate")).contains("Bearer");

    var unknown = http.get("/v1/embeddings");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").get("type").asText()).isEqualTo("invalid_request_error");
  }
}
