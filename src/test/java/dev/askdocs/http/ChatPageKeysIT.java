package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.ApiSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page against the real server with API keys configured: the page asks for a key, the
 * server refuses a wrong one, and with the right one the question is answered with citations.
 */
class ChatPageKeysIT {
  private static final String KEY = "browser-test-key-0123456789";

  @TempDir static Path tmp;
  static App app;
  static ChromeDriver driver;

  @BeforeAll
  static void start() throws IOException {
    Browser.require();
    app = App.start(TestCorpus.servingSeed(tmp).set(ApiSettings.KEYS, KEY).build());
    app.awaitReady(Duration.ofMinutes(2));
    driver = Browser.start(tmp);
  }

  @AfterAll
  static void stop() throws Exception {
    Browser.quitThenClose(driver, app);
  }

  @Test
  void asks_for_the_key_refuses_a_wrong_one_and_answers_with_the_right_one() throws IOException {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    driver.get("http://127.0.0.1:" + app.port() + "/");
    WebElement keyBox = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
    assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("API key needed");

    keyBox.sendKeys("not-the-key-at-all-000" + Keys.ENTER);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("key-reason"), "not accepted"));

    driver.findElement(By.id("api-key")).sendKeys(KEY + Keys.ENTER);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Ready"));
    driver
        .findElement(By.id("question"))
        .sendKeys("Who is the Pakistani special representative for Afghanistan?" + Keys.ENTER);
    WebElement answer =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.assistant .answer-text .cite")));
    assertThat(driver.findElement(By.cssSelector(".message.assistant .answer-text")).getText())
        .contains("Asif Durrani");
    assertThat(answer.getText()).isEqualTo("1");
    Browser.screenshot(driver, "keys-answered");
  }
}
