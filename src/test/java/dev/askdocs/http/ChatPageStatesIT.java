package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page's API-key and rate-limited states, against a stand-in server: a Javalin app that serves
 * the real {@code web/} files and answers the API the way a server with API keys and rate limits
 * does (401/403 without the right bearer key, 429 with {@code Retry-After}). The real server's keys
 * and limits are tested end to end once they are merged; this class proves the page's side.
 */
class ChatPageStatesIT {
  private static final String KEY = "s3cret-key";
  private static final String DONE =
      "{\"conversationId\":\"c-1\",\"question\":\"q\",\"answer\":\"The handbook says yes [1].\","
          + "\"abstained\":false,\"answeredBy\":\"extractive\",\"citations\":[{\"n\":1,"
          + "\"documentId\":\"0123456789abcdef\",\"title\":\"Handbook\",\"source\":\"handbook.pdf\","
          + "\"quote\":\"Yes.\",\"start\":0,\"end\":4,\"page\":3,\"supported\":true}],"
          + "\"unsupportedClaims\":[],\"seeAlso\":[]}";

  @TempDir static Path tmp;
  static Javalin standIn;
  static ChromeDriver driver;
  static final List<String> chatAuthorizations = new CopyOnWriteArrayList<>();
  static final AtomicInteger busyReplies = new AtomicInteger();
  static volatile CountDownLatch held = new CountDownLatch(0);

  WebDriverWait wait;

  @BeforeAll
  static void start() throws IOException {
    if (!Browser.available()) {
      return;
    }
    standIn =
        Javalin.create(
                cfg -> {
                  cfg.startup.showJavalinBanner = false;
                  cfg.staticFiles.add("/web", Location.CLASSPATH);
                  cfg.routes.get("/health", ctx -> ctx.json(Map.of("status", "ready")));
                  cfg.routes.get(
                      "/api/v1/documents",
                      ctx -> {
                        if (authorized(ctx)) {
                          ctx.json(Map.of("documents", List.of()));
                        }
                      });
                  cfg.routes.post("/api/v1/chat", ChatPageStatesIT::chat);
                })
            .start("127.0.0.1", 0);
    driver = Browser.start(tmp);
  }

  /** Answers like the real server with API keys: 401 without a key, 403 with a wrong one. */
  private static boolean authorized(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null) {
      ctx.status(401)
          .json(
              Map.of("error", Map.of("code", "unauthorized", "message", "an API key is required")));
      return false;
    }
    if (!header.equals("Bearer " + KEY)) {
      ctx.status(403)
          .json(Map.of("error", Map.of("code", "forbidden", "message", "unknown API key")));
      return false;
    }
    return true;
  }

  private static void chat(Context ctx) {
    chatAuthorizations.add(String.valueOf(ctx.header("Authorization")));
    if (!authorized(ctx)) {
      return;
    }
    if (ctx.body().contains("busy") && busyReplies.getAndIncrement() == 0) {
      ctx.status(429)
          .header("Retry-After", "2")
          .json(
              Map.of(
                  "error",
                  Map.of("code", "rate_limited", "message", "too many requests from this key")));
      return;
    }
    if (ctx.body().contains("hold")) {
      try {
        held.await(20, TimeUnit.SECONDS); // the test looks at the waiting page, then lets go
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // A question about "where" is answered from a document with structure: its citation has a
    // location, with markup in it that must show as text (the stand-in's body is not sent as
    // UTF-8, so the '›' goes as a JSON escape).
    String done =
        ctx.body().contains("where")
            ? DONE.replace("\"handbook.pdf\"", "\"handbook.docx\"")
                .replace(
                    "\"page\":3", "\"page\":null,\"location\":\"Leave \\u203A <b>Parental</b>\"")
            : DONE;
    ctx.contentType("text/event-stream")
        .result(
            "event: retrieval\ndata: {\"conversationId\":\"c-1\"}\n\n"
                + "event: done\ndata: "
                + done
                + "\n\n");
  }

  @AfterAll
  static void stop() {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      if (standIn != null) {
        standIn.stop();
      }
    }
  }

  @BeforeEach
  void openPage() {
    Browser.require();
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    driver.get("http://127.0.0.1:" + standIn.port() + "/");
    driver.executeScript("window.sessionStorage.clear()");
    driver.navigate().refresh();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));
  }

  @AfterEach
  void saveScreenshot(TestInfo test) throws IOException {
    if (driver != null) {
      Browser.screenshot(driver, test.getTestMethod().orElseThrow().getName());
    }
  }

  @Test
  void asks_for_an_api_key_keeps_it_for_the_tab_and_retries_the_question() throws IOException {
    WebElement keyBox = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
    assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("API key needed");

    driver.findElement(By.id("question")).sendKeys("Does the handbook allow it?" + Keys.ENTER);
    WebElement error =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.error.key-needed")));
    assertThat(error.getText()).contains("API key needed");

    assertThat(Browser.seriousAccessibilityViolations(driver)).as("key needed").isEmpty();

    keyBox.sendKeys("wrong-key" + Keys.ENTER);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("key-reason"), "not accepted"));

    driver.findElement(By.id("api-key")).sendKeys(KEY + Keys.ENTER);
    WebElement answer =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.assistant .answer-text")));
    assertThat(answer.getText()).contains("The handbook says yes");
    assertThat(driver.findElement(By.id("key-form")).isDisplayed()).isFalse();
    assertThat(driver.findElements(By.cssSelector(".message.error"))).isEmpty();
    assertThat(chatAuthorizations).contains("null", "Bearer wrong-key", "Bearer " + KEY);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Ready · 0 documents"));

    driver.navigate().refresh();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Ready · 0 documents"));
    assertThat(driver.findElement(By.id("key-form")).isDisplayed()).isFalse();
  }

  @Test
  void shows_the_location_of_a_source_as_text_beside_its_file() {
    driver.executeScript("window.sessionStorage.setItem('askdocs.apiKey', arguments[0])", KEY);
    driver.navigate().refresh();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));
    driver.findElement(By.id("question")).sendKeys("Tell me where it says so" + Keys.ENTER);
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".message.assistant .answer-text")));
    WebElement file = driver.findElement(By.cssSelector(".sources .source-file"));
    assertThat(file.getText()).isEqualTo("handbook.docx · Leave › <b>Parental</b>");
    assertThat(file.findElements(By.tagName("b"))).isEmpty();
  }

  @Test
  void shows_that_it_is_searching_until_the_answer_comes() {
    driver.executeScript("window.sessionStorage.setItem('askdocs.apiKey', arguments[0])", KEY);
    driver.navigate().refresh();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));
    held = new CountDownLatch(1);
    try {
      driver.findElement(By.id("question")).sendKeys("Please hold on" + Keys.ENTER);
      WebElement thinking =
          wait.until(
              ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".message.thinking")));
      assertThat(thinking.getText()).isEqualTo("Searching the documents…");
      assertThat(driver.findElement(By.id("send")).isEnabled()).isFalse();
      assertThat(driver.findElement(By.id("messages")).getAttribute("aria-busy")).isEqualTo("true");
    } finally {
      held.countDown();
    }
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".message.assistant .answer-text")));
    assertThat(driver.findElements(By.cssSelector(".message.thinking"))).isEmpty();
    assertThat(driver.findElement(By.id("send")).isEnabled()).isTrue();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("announcer"), "Answer: The handbook says yes"));
  }

  @Test
  void says_when_to_retry_when_rate_limited_and_retries() throws IOException {
    driver.executeScript("window.sessionStorage.setItem('askdocs.apiKey', arguments[0])", KEY);
    driver.navigate().refresh();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));

    driver.findElement(By.id("question")).sendKeys("Are you busy?" + Keys.ENTER);
    WebElement error =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.error.rate-limited")));
    assertThat(error.getText()).contains("Too many questions").contains("too many requests");
    assertThat(error.findElement(By.cssSelector(".retry-when")).getText())
        .matches("You can try again in [12] seconds?\\.");
    WebElement retry = error.findElement(By.cssSelector(".retry"));
    assertThat(retry.isEnabled()).isFalse();
    Browser.colorScheme(driver, "dark");
    assertThat(Browser.seriousAccessibilityViolations(driver)).as("rate limited, dark").isEmpty();
    Browser.colorScheme(driver, "light");

    wait.until(ExpectedConditions.elementToBeClickable(retry));
    assertThat(error.findElement(By.cssSelector(".retry-when")).getText())
        .isEqualTo("You can try again now.");
    retry.click();
    WebElement answer =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.assistant .answer-text")));
    assertThat(answer.getText()).contains("The handbook says yes");
    assertThat(driver.findElements(By.cssSelector(".message.error"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector(".message.user"))).hasSize(1);
    assertThat(driver.findElement(By.cssSelector(".sources .source-file")).getText())
        .isEqualTo("handbook.pdf · page 3");
  }
}
