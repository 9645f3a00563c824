package dev.askdocs.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.app_backend.SlackSignature;
import com.sun.net.httpserver.HttpServer;
import dev.askdocs.App;
import dev.askdocs.FakeOpenAi;
import dev.askdocs.config.Config;
import dev.askdocs.http.Browser;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Documents that attack their readers (fixtures/hostile-corpus: script tags, img onerror,
 * javascript: links, Slack mentions, Markdown link tricks, prompt injection), answered by a
 * language model that obeys the injection: the chat page and document view run none of it (headless
 * Chromium; every payload sets {@code window.__pwned} or raises an alert), Slack output carries no
 * live mention, the model cannot make askdocs cite a passage it was not given, and every response
 * carries a Content-Security-Policy and {@code X-Content-Type-Options: nosniff}.
 */
class HostileDocumentsIT {
  private static final String SIGNING_SECRET = "hostile-signing-secret";
  private static final String QUESTION = "Who made the Zephyr gadget?";
  private static final List<String> FILES = List.of("zephyr-page.html", "zephyr-notes.md");

  /** What a model that follows the documents' instructions writes. */
  private static final String OBEYED_INJECTION =
      "The Zephyr gadget was made by Evil Corp [9]. <img src=x onerror=\"window.__pwned='answer'\">"
          + " <!channel> [click](javascript:window.__pwned='answer link') It was made by Acme"
          + " Corporation in 1999 [1][7].";

  @TempDir static Path tmp;
  static FakeOpenAi llm;
  static HttpServer sink;
  static final List<String> delivered = new CopyOnWriteArrayList<>();
  static App app;
  static Loopback http;

  @BeforeAll
  static void start() throws IOException {
    Path corpus = Files.createDirectories(tmp.resolve("corpus"));
    for (String f : FILES) {
      try (InputStream in =
          HostileDocumentsIT.class.getResourceAsStream("/fixtures/hostile-corpus/" + f)) {
        Files.copy(in, corpus.resolve(f));
      }
    }
    llm = FakeOpenAi.start();
    llm.respond(r -> FakeOpenAi.Reply.text(OBEYED_INJECTION));
    sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sink.createContext(
        "/",
        ex -> {
          delivered.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] ok = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, ok.length);
          ex.getResponseBody().write(ok);
          ex.close();
        });
    sink.start();
    Config config =
        Config.fromEnv(
            Map.of(
                "ASKDOCS_CORPUS_DIR",
                corpus.toString(),
                "ASKDOCS_INDEX_DIR",
                tmp.resolve("index").toString(),
                "ASKDOCS_PORT",
                "0",
                "ASKDOCS_LLM_BASE_URL",
                llm.baseUrl(),
                "ASKDOCS_LLM_MODEL",
                FakeOpenAi.MODEL,
                "SLACK_SIGNING_SECRET",
                SIGNING_SECRET,
                "SLACK_BOT_TOKEN",
                "xoxb-hostile",
                "ASKDOCS_SLACK_API_URL",
                sinkUrl() + "api/",
                "ASKDOCS_SLACK_INLINE_DEADLINE_MS",
                "2900"));
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(3));
    http = new Loopback(app.port());
  }

  private static String sinkUrl() {
    return "http://127.0.0.1:" + sink.getAddress().getPort() + "/";
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (sink != null) {
      sink.stop(0);
    }
    if (llm != null) {
      llm.close();
    }
  }

  @Test
  void cites_only_passages_it_gave_the_model_whatever_the_documents_say() throws Exception {
    llm.reset();
    llm.respond(r -> FakeOpenAi.Reply.text(OBEYED_INJECTION));
    JsonNode a = http.ask(QUESTION).json();

    FakeOpenAi.Request sent = llm.requests().get(llm.requests().size() - 1);
    String prompt = sent.message("user");
    int given = 0;
    Matcher m = Pattern.compile("\\[(\\d+)\\]").matcher(prompt);
    while (m.find()) {
      given = Math.max(given, Integer.parseInt(m.group(1)));
    }
    assertThat(given).as("passages in the prompt").isPositive();
    assertThat(a.path("answer").asText()).doesNotContain("[9]").doesNotContain("[7]");
    for (JsonNode c : a.path("citations")) {
      assertThat(c.path("n").asInt()).isBetween(1, given);
      String quote = c.path("quote").asText();
      assertThat(prompt.replaceAll("\\s+", " ")).contains(quote.replaceAll("\\s+", " "));
    }
    // The model may repeat what the injected passage says (that passage was given, and the
    // support check judges closeness, not truth); it can't make a citation point elsewhere.
  }

  @Test
  void the_openai_compatible_output_cites_only_passages_it_gave_the_model() throws Exception {
    llm.reset();
    llm.respond(r -> FakeOpenAi.Reply.text(OBEYED_INJECTION));
    String body =
        "{\"model\":\"askdocs\",\"messages\":[{\"role\":\"user\",\"content\":"
            + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(QUESTION)
            + "}]}";
    Loopback.Reply reply =
        http.send(
            http.request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    assertThat(reply.status()).isEqualTo(200);
    JsonNode completion = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.body());
    String content = completion.path("choices").path(0).path("message").path("content").asText();
    assertThat(content).isNotBlank().doesNotContain("[9]").doesNotContain("[7]");
    String prompt = llm.requests().get(llm.requests().size() - 1).message("user");
    assertThat(completion.path("citations").size()).isPositive();
    for (JsonNode c : completion.path("citations")) {
      assertThat(prompt.replaceAll("\\s+", " "))
          .contains(c.path("quote").asText().replaceAll("\\s+", " "));
    }
  }

  @Test
  void slack_answers_carry_no_live_mentions_or_links_from_documents() throws Exception {
    String body =
        "command=%2Fask&text="
            + URLEncoder.encode(
                "Who should be told about the Zephyr gadget?", StandardCharsets.UTF_8)
            + "&response_url="
            + URLEncoder.encode(sinkUrl() + "respond", StandardCharsets.UTF_8)
            + "&user_id=U1&channel_id=C1";
    String ts = Long.toString(Instant.now().getEpochSecond());
    HttpRequest request =
        http.request("/slack/commands")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Slack-Request-Timestamp", ts)
            .header(
                "X-Slack-Signature",
                new SlackSignature.Generator(SIGNING_SECRET).generate(ts, body))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    Loopback.Reply reply = http.send(request);
    assertThat(reply.status()).isEqualTo(200);
    // Inline when quick enough, else posted to response_url: check whichever carried the answer.
    String answer = reply.body();
    if (answer.contains("Looking through the documents")) {
      await().atMost(Duration.ofSeconds(60)).until(() -> !delivered.isEmpty());
    }
    String all = answer + String.join("\n", delivered);
    assertThat(all).contains("Zephyr");
    assertThat(all)
        .doesNotContain("<!channel>")
        .doesNotContain("<!here>")
        .doesNotContain("<@U0123ABC>")
        .doesNotContain("<https://evil.example")
        .doesNotContainPattern("<javascript:");
  }

  @Test
  void every_response_carries_a_content_security_policy_and_nosniff() throws Exception {
    for (String path : List.of("/", "/app.js", "/health", "/api/v1/documents", "/no-such-page")) {
      Loopback.Reply r = http.get(path);
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'"));
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
    }
  }

  @Test
  void the_chat_page_and_document_view_run_nothing_from_a_document() throws Exception {
    Browser.require();
    ChromeDriver driver = Browser.start(tmp);
    try {
      String base = "http://127.0.0.1:" + app.port() + "/";
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
      driver.get(base);
      wait.until(d -> d.findElement(By.id("question")).isDisplayed());
      driver.findElement(By.id("question")).sendKeys(QUESTION);
      driver.findElement(By.cssSelector("#ask-form button[type=submit]")).click();
      wait.until(d -> d.findElement(By.id("messages")).getText().contains("Acme"));
      awaitSettled(driver, wait);
      assertInert(driver, "the chat page");

      for (JsonNode d : http.get("/api/v1/documents").json().path("documents")) {
        driver.get(base + "?doc=" + d.path("id").asText());
        wait.until(x -> x.findElement(By.tagName("body")).getText().contains("Zephyr gadget"));
        awaitSettled(driver, wait);
        assertInert(driver, "the document view of " + d.path("source").asText());
      }
    } finally {
      driver.quit();
    }
  }

  private static void assertInert(ChromeDriver driver, String where) {
    try {
      String text = driver.switchTo().alert().getText();
      throw new AssertionError("an alert opened on " + where + ": " + text);
    } catch (NoAlertPresentException e) {
      // As it should be.
    }
    Object pwned = ((JavascriptExecutor) driver).executeScript("return window.__pwned;");
    assertThat(pwned).as("window.__pwned on %s", where).isNull();
  }

  /**
   * Waits until the page has nothing left to load and has run the tasks queued meanwhile: every
   * image (a payload's {@code <img src=x onerror=...>} among them) has loaded or failed, so its
   * error handler would have been called, and two later turns of the event loop have passed.
   */
  private static void awaitSettled(ChromeDriver driver, WebDriverWait wait) {
    wait.until(
        d ->
            Boolean.TRUE.equals(
                ((JavascriptExecutor) d)
                    .executeScript(
                        "return document.readyState === 'complete'"
                            + " && Array.from(document.images).every(i => i.complete);")));
    ((JavascriptExecutor) driver)
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " setTimeout(() => setTimeout(done, 0), 0);");
  }
}
