package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.App;
import dev.askdocs.config.Config;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the chat page in headless Chromium against the real app on a random port. Skips itself
 * when Chromium or chromedriver is not installed (system properties {@code askdocs.chrome.binary}
 * and {@code askdocs.chromedriver.binary}).
 */
class ChatPageIT {
  private static final Path TALIBAN_DOC =
      Path.of("corpus", "taliban-urges-pakistan-to-pursue-peace-with-the-ttp.txt");
  private static final String HOSTILE_MARKUP = "<img src=x onerror=alert(1)>";
  private static final String HOSTILE_DOC =
      "Hostile document\n\n"
          + "The gadget model "
          + HOSTILE_MARKUP
          + " was sold in 1999 by Acme Corporation.\n\n"
          + "Acme Corporation later stopped selling gadgets. <script>alert(2)</script> "
          + "Its factory closed in 2004.\n";
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final File CHROME =
      new File(System.getProperty("askdocs.chrome.binary", "/usr/bin/chromium"));
  private static final File CHROMEDRIVER =
      new File(System.getProperty("askdocs.chromedriver.binary", "/usr/bin/chromedriver"));

  @TempDir static Path tempDir;

  private static App app;
  private static ChromeDriver driver;
  private static String baseUrl;

  private WebDriverWait wait;

  // Without a browser there is nothing to start; each test then reports itself as skipped.
  @BeforeAll
  static void startAppAndBrowser() throws Exception {
    if (!CHROME.canExecute() || !CHROMEDRIVER.canExecute()) {
      return;
    }
    Path corpusDir = Files.createDirectories(tempDir.resolve("corpus"));
    Files.copy(
        TALIBAN_DOC,
        corpusDir.resolve(TALIBAN_DOC.getFileName()),
        StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(corpusDir.resolve("hostile.txt"), HOSTILE_DOC, StandardCharsets.UTF_8);

    Config config =
        Config.defaults()
            .withCorpusDir(corpusDir)
            .withIndexDir(tempDir.resolve("index"))
            .withPort(0)
            .withHost("127.0.0.1");
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(2));
    baseUrl = "http://127.0.0.1:" + app.port() + "/";

    driver = startChrome(CHROME, CHROMEDRIVER);
  }

  // Explicit binary and driver paths keep Selenium Manager from looking for (or downloading) any.
  private static ChromeDriver startChrome(File chrome, File chromedriver) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chrome);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + Files.createTempDirectory(tempDir, "chrome-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver)
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowserAndApp() throws Exception {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      if (app != null) {
        app.close();
      }
    }
  }

  @BeforeEach
  void openChatPage() {
    Assumptions.assumeTrue(
        CHROME.canExecute(), "Chromium not found at " + CHROME + ": skipping browser tests");
    Assumptions.assumeTrue(
        CHROMEDRIVER.canExecute(),
        "chromedriver not found at " + CHROMEDRIVER + ": skipping browser tests");
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    driver.get(baseUrl);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));
  }

  @AfterEach
  void saveScreenshot(TestInfo test) throws IOException {
    if (driver == null) {
      return;
    }
    Files.createDirectories(SCREENSHOTS);
    Path png = SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png");
    Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void asks_a_question_and_shows_a_cited_answer() {
    WebElement answer = ask("How many TTP fighters are in Afghanistan?");

    assertThat(answer.getAttribute("class")).doesNotContain("abstained");
    assertThat(answer.findElement(By.cssSelector(".answer-text")).getText()).contains("8,000");
    assertThat(answer.findElements(By.cssSelector(".sources li .source"))).isNotEmpty();
    WebElement marker = answer.findElement(By.cssSelector(".answer-text .cite"));
    assertThat(marker.getAttribute("data-n")).matches("\\d+");

    marker.click();
    WebElement quote =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#doc-view mark.quote")));
    assertThat(quote.getText()).contains("8,000");
    assertThat(isInViewport(quote)).as("quote scrolled into view").isTrue();
    assertThat(driver.findElement(By.id("doc-title")).getText()).contains("Taliban");

    new Actions(driver).sendKeys(Keys.ESCAPE).perform();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("doc-view")));

    answer.findElement(By.cssSelector(".sources li .source")).click();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#doc-view mark.quote")));
    driver.findElement(By.id("doc-close")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("doc-view")));
  }

  @Test
  void shows_document_text_with_markup_as_literal_text() {
    WebElement answer = ask("Which company sold the gadget model?");

    WebElement source =
        answer.findElements(By.cssSelector(".sources li .source")).stream()
            .filter(button -> button.getText().contains("Hostile document"))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no source from hostile.txt in " + answer.getText()));
    source.click();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#doc-view mark.quote")));

    assertThat(driver.findElement(By.id("doc-text")).getText()).contains(HOSTILE_MARKUP);
    assertThat(driver.findElements(By.cssSelector("#doc-view img, #messages img"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("#doc-view script, #messages script"))).isEmpty();
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
  }

  @Test
  void abstention_looks_different_from_an_answer() {
    ask("Who won the 2018 World Cup?");

    WebElement abstained =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.assistant.abstained")));
    assertThat(abstained.findElement(By.cssSelector(".answer-text")).getText()).isNotBlank();
    assertThat(abstained.findElements(By.cssSelector(".cite, .sources li"))).isEmpty();
  }

  @Test
  void opens_a_document_at_a_passage_from_a_link() throws Exception {
    HttpJson http = new HttpJson(app.port());
    JsonNode listed = http.get("/api/v1/documents").json().get("documents");
    String id = null;
    for (JsonNode d : listed) {
      if (d.get("source").asText().equals(TALIBAN_DOC.getFileName().toString())) {
        id = d.get("id").asText();
      }
    }
    String text = http.get("/api/v1/documents/" + id).json().get("text").asText();
    String passage = "Asif Durrani";
    int start = text.indexOf(passage);

    driver.get(baseUrl + "?doc=" + id + "&start=" + start + "&end=" + (start + passage.length()));
    WebElement quote =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#doc-view mark.quote")));
    assertThat(quote.getText()).isEqualTo(passage);
    assertThat(isInViewport(quote)).as("passage scrolled into view").isTrue();
    assertThat(driver.findElement(By.id("doc-title")).getText()).contains("Taliban");

    driver.get(baseUrl + "?doc=" + id);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("doc-title"), "Taliban"));
    assertThat(driver.findElements(By.cssSelector("#doc-view mark.quote"))).isEmpty();
  }

  @Test
  void answers_a_follow_up_within_the_conversation_and_shows_what_was_searched() {
    ask("How many TTP fighters are in Afghanistan?");
    driver
        .findElement(By.id("question"))
        .sendKeys("And how many if families are counted?" + Keys.ENTER);
    wait.until(d -> d.findElements(By.cssSelector(".message.assistant .answer-text")).size() == 2);

    WebElement followUp = driver.findElements(By.cssSelector(".message.assistant")).get(1);
    assertThat(followUp.findElement(By.cssSelector(".searched")).getText())
        .startsWith("Searched for: And how many if families are counted?")
        .contains("TTP fighters");
    assertThat(followUp.findElement(By.cssSelector(".answer-text")).getText()).contains("30,000");
    assertThat(driver.findElements(By.cssSelector(".message.streaming"))).isEmpty();
  }

  /** Types {@code question}, presses Enter and returns the assistant message that answers it. */
  private WebElement ask(String question) {
    driver.findElement(By.id("question")).sendKeys(question + Keys.ENTER);
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".message.assistant .answer-text")));
    List<WebElement> answers = driver.findElements(By.cssSelector(".message.assistant"));
    assertThat(answers).hasSize(1);
    assertThat(driver.findElement(By.id("question")).getAttribute("value")).isEmpty();
    return answers.get(0);
  }

  private boolean isInViewport(WebElement element) {
    Object visible =
        ((JavascriptExecutor) driver)
            .executeScript(
                "const r = arguments[0].getBoundingClientRect();"
                    + " const box = arguments[0].closest('#doc-text').getBoundingClientRect();"
                    + " return r.bottom > box.top && r.top < box.bottom;",
                element);
    return Boolean.TRUE.equals(visible);
  }
}
