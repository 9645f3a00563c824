package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.App;
import dev.askdocs.FakeOpenAi;
import dev.askdocs.FakeOpenAi.Reply;
import dev.askdocs.TestCorpus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * The chat page with a (fake, slow) language model: the answer's text shows while it is being
 * written, then the checked answer replaces it. Skips itself without Chromium, as ChatPageIT does.
 */
class ChatPageStreamingIT {
  private static final String WRITTEN =
      "According to the Express Tribune, there are between 8,000 and 12,000 TTP fighters in"
          + " Afghanistan [1]. The number could rise to 30,000 if their family members are"
          + " included [2].";

  private static final String MARKDOWN =
      "According to the **Express Tribune**:\n\n"
          + "- There are between 8,000 and 12,000 TTP fighters in Afghanistan [1].\n"
          + "- The number could rise to 30,000 if their family members are included [2].\n\n"
          + "| Group | Fighters |\n|---|---|\n| TTP in Afghanistan | 8,000 to 12,000 [1] |\n\n"
          + "<script>window.pwned = 1</script> <img src=x onerror=\"window.pwned = 2\">"
          + " [more](javascript:window.pwned=3) ![x](javascript:window.pwned=4)\n";

  @TempDir static Path tmp;
  static FakeOpenAi fake;
  static App app;
  static ChromeDriver driver;
  WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.available()) {
      return;
    }
    fake = FakeOpenAi.start().respond(r -> Reply.text(WRITTEN).after(Duration.ofMillis(120)));
    app = App.start(fake.answering(TestCorpus.servingSeed(tmp), "", 5_000, 20_000).build());
    app.awaitReady(Duration.ofMinutes(2));
    driver = Browser.start(tmp);
  }

  @BeforeEach
  void openChatPage() {
    Browser.require();
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    driver.get("http://127.0.0.1:" + app.port() + "/");
    driver.executeScript("window.sessionStorage.clear()");
    driver.navigate().refresh();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));
  }

  @AfterEach
  void saveScreenshot(TestInfo test) throws Exception {
    if (driver != null) {
      Browser.screenshot(driver, test.getTestMethod().orElseThrow().getName());
    }
  }

  @AfterAll
  static void stop() throws Exception {
    Browser.quitThenClose(driver, app, fake);
  }

  @Test
  void shows_the_answer_while_it_is_written_then_the_checked_answer() {
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
    assertThat(driver.findElements(By.cssSelector(".answer-text .cite"))).hasSize(2);
  }

  @Test
  void stops_an_answer_being_written() {
    driver
        .findElement(By.id("question"))
        .sendKeys("How many TTP fighters are in Afghanistan?" + Keys.ENTER);
    WebElement live =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.assistant.streaming .stream-text")));
    wait.until(d -> live.getText().contains("Express Tribune"));

    driver.findElement(By.id("stop")).click();

    WebElement stopped =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".message.stopped")));
    assertThat(stopped.getText()).startsWith("Stopped");
    assertThat(driver.findElements(By.cssSelector(".answer-text"))).isEmpty();
    assertThat(driver.findElement(By.id("stop")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("send")).isEnabled()).isTrue();
  }

  @Test
  void steps_through_the_cited_passages_of_an_answer() {
    driver
        .findElement(By.id("question"))
        .sendKeys("How many TTP fighters are in Afghanistan?" + Keys.ENTER);
    WebElement answer =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.assistant:not(.streaming)")));
    List<WebElement> quotes = answer.findElements(By.cssSelector(".sources .source-quote"));
    assertThat(quotes).hasSize(2);
    String first = normalized(quotes.get(0).getText());
    String second = normalized(quotes.get(1).getText());

    answer.findElements(By.cssSelector(".answer-text .cite")).get(0).click();
    wait.until(d -> quoteShown().equals(first));
    assertThat(driver.findElement(By.id("cite-position")).getText()).isEqualTo("Source 1 · 1 of 2");
    assertThat(driver.findElement(By.id("cite-prev")).isEnabled()).isFalse();

    driver.findElement(By.id("cite-next")).click();
    wait.until(d -> quoteShown().equals(second));
    assertThat(driver.findElement(By.id("cite-position")).getText()).isEqualTo("Source 2 · 2 of 2");
    assertThat(driver.findElement(By.id("cite-next")).isEnabled()).isFalse();

    driver.findElement(By.id("cite-prev")).click();
    wait.until(d -> quoteShown().equals(first));
  }

  @Test
  void renders_a_markdown_list_and_table_with_chips_and_leaves_hostile_markdown_inert()
      throws Exception {
    fake.respond(r -> Reply.text(MARKDOWN));
    try {
      driver
          .findElement(By.id("question"))
          .sendKeys("How many TTP fighters are in Afghanistan?" + Keys.ENTER);
      WebElement answer =
          wait.until(
              ExpectedConditions.visibilityOfElementLocated(
                  By.cssSelector(".message.assistant:not(.streaming) .answer-text")));
      assertThat(answer.findElements(By.cssSelector("ul > li"))).hasSize(2);
      // Each list item keeps its own marker.
      for (WebElement item : answer.findElements(By.cssSelector("ul > li"))) {
        assertThat(item.findElements(By.cssSelector(".cite"))).hasSize(1);
      }
      assertThat(answer.findElements(By.cssSelector("table td .cite"))).hasSize(1);
      assertThat(answer.findElement(By.cssSelector("strong")).getText())
          .isEqualTo("Express Tribune");
      // Markup from the model is text or gone: no script, no image, no javascript: link ran.
      assertThat(answer.getText()).contains("<script>");
      assertThat(answer.findElements(By.cssSelector("script, img, [onerror]"))).isEmpty();
      assertThat(answer.findElements(By.cssSelector("a"))).isEmpty();
      assertThat(driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
      assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();
      Browser.screenshot(driver, "markdown-answer");
    } finally {
      fake.respond(r -> Reply.text(WRITTEN).after(Duration.ofMillis(120)));
    }
  }

  private String quoteShown() {
    List<WebElement> marks = driver.findElements(By.cssSelector("#doc-view mark.quote"));
    return marks.isEmpty() ? "" : normalized(marks.get(0).getText());
  }

  // Quotes in the sources list are in quotation marks; the document's text is not.
  private static String normalized(String text) {
    return text.replaceAll("[\u201c\u201d\"]", "").replaceAll("\\s+", " ").trim();
  }
}
