package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.App;
import dev.askdocs.FakeOpenAi;
import dev.askdocs.FakeOpenAi.Reply;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.Config;
import dev.askdocs.config.LlmSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page with a (fake, slow) language model: the answer's text shows while it is being
 * written, then the checked answer replaces it. Skips itself without Chromium, as ChatPageIT does.
 */
class ChatPageStreamingIT {
  private static final File CHROME =
      new File(System.getProperty("askdocs.chrome.binary", "/usr/bin/chromium"));
  private static final File CHROMEDRIVER =
      new File(System.getProperty("askdocs.chromedriver.binary", "/usr/bin/chromedriver"));
  private static final String WRITTEN =
      "According to the Express Tribune, there are between 8,000 and 12,000 TTP fighters in"
          + " Afghanistan [1]. The number could rise to 30,000 if their family members are"
          + " included [1].";

  @TempDir static Path tmp;
  static FakeOpenAi fake;
  static App app;
  static ChromeDriver driver;

  @BeforeAll
  static void start() throws Exception {
    if (!CHROME.canExecute() || !CHROMEDRIVER.canExecute()) {
      return;
    }
    fake = FakeOpenAi.start().respond(r -> Reply.text(WRITTEN).after(Duration.ofMillis(120)));
    app =
        App.start(
            Config.defaults()
                .withCorpusDir(TestCorpus.withSeed(tmp.resolve("corpus")))
                .withIndexDir(tmp.resolve("index"))
                .withPort(0)
                .withLlm(
                    LlmSettings.defaults()
                        .withEndpoint(fake.baseUrl(), FakeOpenAi.MODEL, "")
                        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20))));
    app.awaitReady(Duration.ofMinutes(2));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROME);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--window-size=1280,900",
        "--user-data-dir=" + Files.createTempDirectory(tmp, "chrome-profile"));
    driver =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build(),
            options);
  }

  @AfterAll
  static void stop() {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      if (app != null) {
        app.close();
      }
      if (fake != null) {
        fake.close();
      }
    }
  }

  @Test
  void shows_the_answer_while_it_is_written_then_the_checked_answer() throws Exception {
    Assumptions.assumeTrue(
        CHROME.canExecute() && CHROMEDRIVER.canExecute(),
        "Chromium or chromedriver not installed: skipping browser tests");
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    driver.get("http://127.0.0.1:" + app.port() + "/");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));

    driver
        .findElement(By.id("question"))
        .sendKeys("How many TTP fighters are in Afghanistan?" + Keys.ENTER);

    WebElement live =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.assistant.streaming .stream-text")));
    wait.until(d -> live.getText().contains("Express Tribune"));
    assertThat(driver.findElements(By.cssSelector(".answer-text"))).isEmpty();
    assertThat(live.getText()).doesNotContain("30,000"); // still being written

    WebElement answer =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.assistant .answer-text")));
    assertThat(answer.getText()).contains("8,000 and 12,000").contains("30,000");
    assertThat(driver.findElements(By.cssSelector(".message.streaming"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector(".message.assistant"))).hasSize(1);
    assertThat(driver.findElement(By.cssSelector(".message.assistant .meta")).getText())
        .contains("written by a language model");
    assertThat(driver.findElements(By.cssSelector(".answer-text .cite"))).isNotEmpty();
    Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(
        Path.of("target", "screenshots", "streamed_llm_answer.png"),
        driver.getScreenshotAs(OutputType.BYTES));
  }
}
