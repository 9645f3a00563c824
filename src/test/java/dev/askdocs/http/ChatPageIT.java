package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.App;
import dev.askdocs.config.ApiSettings;
import dev.askdocs.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the chat page in headless Chromium against the real app (extractive answers) on a random
 * port: one app and one browser for the class. The test that stops the server runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
  private static final String FIGHTERS = "How many TTP fighters are in Afghanistan?";

  @TempDir static Path tempDir;

  private static App app;
  private static ChromeDriver driver;
  private static String baseUrl;

  private WebDriverWait wait;

  // Without a browser there is nothing to start; each test then reports itself as skipped.
  @BeforeAll
  static void startAppAndBrowser() throws Exception {
    if (!Browser.available()) {
      return;
    }
    Path corpusDir = Files.createDirectories(tempDir.resolve("corpus"));
    Files.copy(
        TALIBAN_DOC,
        corpusDir.resolve(TALIBAN_DOC.getFileName()),
        StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(corpusDir.resolve("hostile.txt"), HOSTILE_DOC, StandardCharsets.UTF_8);

    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, corpusDir)
            .set(Config.INDEX_DIR, tempDir.resolve("data").resolve("index"))
            .set(Config.PORT, 0)
            .set(Config.HOST, "127.0.0.1")
            .build();
    // Fourteen page loads a minute, each asking who, which collections and which documents, are
    // more than a reader makes: the rate limit is ChatPageStatesIT's subject, not this test's.
    config = config.toBuilder().set(ApiSettings.RATE_LIMIT, 0).build();
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(2));
    baseUrl = "http://127.0.0.1:" + app.port() + "/";
    driver = Browser.start(tempDir);
  }

  @AfterAll
  static void stopBrowserAndApp() {
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

  /** Each test starts from an empty conversation: the page keeps history for the tab. */
  @BeforeEach
  void openChatPage() {
    Browser.require();
    wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    driver.manage().window().setSize(new Dimension(1280, 900));
    Browser.colorScheme(driver, "light");
    driver.get(baseUrl);
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
  void asks_then_previews_and_opens_a_citation_with_its_quote_highlighted() throws IOException {
    WebElement answer = ask(FIGHTERS);

    assertThat(answer.getAttribute("class")).doesNotContain("abstained");
    assertThat(answer.findElement(By.cssSelector(".answer-text")).getText()).contains("8,000");
    assertThat(answer.findElements(By.cssSelector(".sources li .source"))).isNotEmpty();
    WebElement chip = answer.findElement(By.cssSelector(".answer-text .cite"));
    assertThat(chip.getAttribute("data-n")).matches("\\d+");
    assertThat(chip.getAttribute("aria-label")).startsWith("Source " + chip.getAttribute("data-n"));

    new Actions(driver).moveToElement(chip).perform();
    WebElement tip = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cite-tip")));
    assertThat(tip.findElement(By.id("tip-quote")).getText()).contains("8,000");
    assertThat(tip.findElement(By.id("tip-title")).getText()).contains("Taliban");

    chip.click();
    WebElement quote = awaitQuote();
    assertThat(quote.getText()).contains("8,000");
    assertThat(isInViewport(quote)).as("quote scrolled into view").isTrue();
    assertThat(driver.findElement(By.id("doc-title")).getText()).contains("Taliban");
    assertThat(driver.findElement(By.id("cite-position")).getText())
        .matches("Source \\d+( · 1 of \\d+)?");

    // The README's pictures: the answer, its source open, the chip's preview showing.
    new Actions(driver).moveToElement(chip).perform();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cite-tip")));
    Browser.screenshot(driver, "docs-light");
    Browser.colorScheme(driver, "dark");
    Browser.screenshot(driver, "docs-dark");
    Browser.colorScheme(driver, "light");
    new Actions(driver).sendKeys(Keys.ESCAPE).perform(); // the first Esc closes the preview
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("cite-tip")));

    new Actions(driver).sendKeys(Keys.ESCAPE).perform();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("doc-view")));

    answer.findElement(By.cssSelector(".sources li .source")).click();
    awaitQuote();
    driver.findElement(By.id("doc-close")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("doc-view")));
  }

  @Test
  void shows_the_version_from_the_build_in_the_footer() {
    String expected = "askdocs " + dev.askdocs.config.Version.current();
    wait.until(ExpectedConditions.textToBe(By.id("version"), expected));
    assertThat(driver.findElement(By.id("version")).isDisplayed()).isTrue();
  }

  @Test
  void runs_under_the_strict_content_security_policy_without_violations() throws Exception {
    var page = new HttpJson(app.port()).get("/");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue(HttpApi.CONTENT_SECURITY_POLICY);
    // Installed before the page's own script: records every violation the page causes.
    driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument",
        Map.of(
            "source",
            "window.cspViolations = [];"
                + " document.addEventListener('securitypolicyviolation',"
                + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"));
    driver.navigate().refresh();
    wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));

    WebElement answer = ask(FIGHTERS);
    new Actions(driver).moveToElement(answer.findElement(By.cssSelector(".cite"))).perform();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cite-tip")));
    answer.findElement(By.cssSelector(".cite")).click();
    awaitQuote();
    driver.findElement(By.id("docs-button")).click();
    wait.until(d -> !d.findElements(By.cssSelector("#doc-list .doc-item")).isEmpty());

    assertThat((List<?>) driver.executeScript("return window.cspViolations")).isEmpty();

    // The recorder works: an inline style attribute is a violation it reports.
    driver.executeScript(
        "document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')");
    wait.until(d -> !((List<?>) driver.executeScript("return window.cspViolations")).isEmpty());
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
    awaitQuote();

    assertThat(driver.findElement(By.id("doc-text")).getText()).contains(HOSTILE_MARKUP);
    assertThat(driver.findElements(By.cssSelector("#doc-view img, #messages img"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("#doc-view script, #messages script"))).isEmpty();
    assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
  }

  @Test
  void abstention_looks_different_from_an_answer() {
    WebElement answer = ask(FIGHTERS);
    String answerBackground = answer.getCssValue("background-color");
    driver.findElement(By.id("question")).sendKeys("Who won the 2018 World Cup?" + Keys.ENTER);

    WebElement abstained =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.assistant.abstained")));
    assertThat(abstained.findElement(By.cssSelector(".abstain-label")).getText())
        .isEqualTo("NOT FOUND IN YOUR DOCUMENTS"); // shown in capitals by the style sheet
    assertThat(abstained.getAttribute("aria-label")).isEqualTo("Not found in your documents");
    assertThat(abstained.findElement(By.cssSelector(".answer-text")).getText()).isNotBlank();
    assertThat(abstained.findElements(By.cssSelector(".cite, .sources li"))).isEmpty();
    assertThat(abstained.getCssValue("background-color")).isNotEqualTo(answerBackground);
  }

  @Test
  void opens_a_document_at_a_passage_from_a_link() throws Exception {
    String id = documentId(TALIBAN_DOC.getFileName().toString());
    HttpJson http = new HttpJson(app.port());
    String text = http.get("/api/v1/documents/" + id).json().get("text").asText();
    String passage = "Asif Durrani";
    int start = text.indexOf(passage);

    driver.get(baseUrl + "?doc=" + id + "&start=" + start + "&end=" + (start + passage.length()));
    WebElement quote = awaitQuote();
    assertThat(quote.getText()).isEqualTo(passage);
    assertThat(isInViewport(quote)).as("passage scrolled into view").isTrue();
    assertThat(driver.findElement(By.id("doc-title")).getText()).contains("Taliban");

    driver.get(baseUrl + "?doc=" + id);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("doc-title"), "Taliban"));
    assertThat(driver.findElements(By.cssSelector("#doc-view mark.quote"))).isEmpty();
  }

  @Test
  void follows_up_in_the_same_conversation_keeps_it_on_reload_and_starts_a_new_one() {
    ask(FIGHTERS);
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

    driver.navigate().refresh();
    wait.until(d -> d.findElements(By.cssSelector(".message.assistant .answer-text")).size() == 2);
    assertThat(driver.findElements(By.cssSelector(".message.user")).get(1).getText())
        .isEqualTo("And how many if families are counted?");

    driver.findElement(By.id("new-conversation")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("intro")));
    assertThat(driver.findElements(By.cssSelector(".message"))).isEmpty();
    driver.navigate().refresh();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("intro")));
    assertThat(driver.findElements(By.cssSelector(".message"))).isEmpty();
  }

  @Test
  void stores_a_thumbs_down_with_the_question_answer_and_citations() throws Exception {
    WebElement answer = ask(FIGHTERS);
    WebElement down = answer.findElement(By.cssSelector(".vote-down"));
    assertThat(down.getAttribute("aria-label")).isEqualTo("Bad answer");

    down.click();
    wait.until(
        ExpectedConditions.textToBePresentInElement(
            answer.findElement(By.cssSelector(".vote-note")), "feedback saved"));
    assertThat(down.getAttribute("aria-pressed")).isEqualTo("true");
    assertThat(answer.findElement(By.cssSelector(".vote-up")).getAttribute("aria-pressed"))
        .isEqualTo("false");

    Path file = tempDir.resolve("data").resolve("feedback.jsonl");
    List<String> lines = Files.readAllLines(file);
    JsonNode stored = HttpJson.MAPPER.readTree(lines.get(lines.size() - 1));
    assertThat(stored.get("rating").asText()).isEqualTo("down");
    assertThat(stored.get("question").asText()).isEqualTo(FIGHTERS);
    assertThat(stored.get("answer").asText()).contains("8,000");
    assertThat(stored.get("conversationId").asText()).isNotBlank();
    assertThat(stored.get("citations").size()).isGreaterThan(0);
    assertThat(stored.get("citations").get(0).get("quote").asText()).isNotBlank();
  }

  @Test
  void lists_and_searches_the_indexed_documents() {
    driver.findElement(By.id("docs-button")).click();
    wait.until(d -> d.findElements(By.cssSelector("#doc-list .doc-item")).size() == 2);
    assertThat(driver.findElement(By.id("docs-button")).getAttribute("aria-expanded"))
        .isEqualTo("true");
    assertThat(driver.findElement(By.id("library-count")).getText())
        .isEqualTo("2 documents indexed");
    WebElement first = driver.findElements(By.cssSelector("#doc-list .doc-item")).get(0);
    assertThat(first.findElement(By.cssSelector(".doc-item-meta")).getText())
        .matches("\\d+ chunks? · indexed .+");

    driver.findElement(By.id("doc-search")).sendKeys("hostile");
    wait.until(d -> d.findElements(By.cssSelector("#doc-list .doc-item")).size() == 1);
    WebElement only = driver.findElement(By.cssSelector("#doc-list .doc-item"));
    assertThat(only.getText()).contains("Hostile document").contains("hostile.txt");

    only.click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("doc-title"), "Hostile document"));
    assertThat(driver.findElement(By.id("doc-text")).getText()).contains("Acme Corporation");
    driver.findElement(By.id("doc-back")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("doc-search")));
    new Actions(driver).sendKeys(Keys.ESCAPE).perform();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("doc-view")));
  }

  @Test
  void uploads_files_reporting_each_failure_and_deletes_one_after_confirming() throws Exception {
    Path folder = Files.createDirectories(tempDir.resolve("to-upload"));
    Path good = folder.resolve("orchard-notes.md");
    Files.writeString(good, "# Orchard notes\n\nThe Brindlewood orchard grows 340 pears.\n");
    Path bad = Files.write(folder.resolve("tool.exe"), new byte[] {77, 90, 0, 1});
    driver.findElement(By.id("docs-button")).click();
    WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("doc-upload")));
    input.sendKeys(good + "\n" + bad);

    wait.until(
        d ->
            d.findElements(By.cssSelector("#upload-results .upload-row.done, .upload-row.failed"))
                    .size()
                == 2);
    WebElement added = driver.findElement(By.cssSelector("#upload-results .upload-row.done"));
    assertThat(added.getText()).contains("orchard-notes.md").contains("Added");
    WebElement failed = driver.findElement(By.cssSelector("#upload-results .upload-row.failed"));
    assertThat(failed.getText()).contains("tool.exe").doesNotContain("Uploading");
    wait.until(d -> d.findElement(By.id("doc-list")).getText().contains("orchard-notes.md"));
    assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();
    Browser.screenshot(driver, "documents-upload");

    By delete = By.cssSelector("#doc-list [aria-label='Delete Orchard notes']");
    driver.findElement(delete).click();
    WebElement cancel = driver.findElement(By.cssSelector("#doc-list .doc-confirm-no"));
    assertThat(driver.findElement(By.cssSelector("#doc-list .doc-confirm")).getText())
        .contains("Delete “Orchard notes” from the index?");
    cancel.click();
    assertThat(driver.findElement(By.id("doc-list")).getText()).contains("orchard-notes.md");
    driver.findElement(delete).click();
    driver.findElement(By.cssSelector("#doc-list .doc-confirm-yes")).click();
    wait.until(d -> !d.findElement(By.id("doc-list")).getText().contains("orchard-notes.md"));
    wait.until(ExpectedConditions.textToBe(By.id("library-count"), "2 documents indexed"));
  }

  @Test
  void offers_starter_questions_made_from_document_titles() {
    WebElement starter =
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#starters .starter")));
    assertThat(starter.getText()).isEqualTo("What does “Hostile document” say?");
    starter.click();
    wait.until(d -> !d.findElements(By.cssSelector(".message.assistant .answer-text")).isEmpty());
    assertThat(driver.findElement(By.cssSelector(".message.user")).getText())
        .isEqualTo("What does “Hostile document” say?");
  }

  @Test
  void shows_the_cited_pdf_page_with_the_quote_highlighted() throws Exception {
    Path pdf =
        dev.askdocs.load.TestPdfs.write(
            tempDir.resolve("gull-rock.pdf"),
            "Gull Rock beacon",
            new String[] {"The Gull Rock beacon was lit in 1902 by the keeper Ada Lorne."});
    HttpJson http = new HttpJson(app.port());
    var up =
        http.upload("/api/v1/documents", "file", Map.of("gull-rock.pdf", Files.readAllBytes(pdf)));
    String id = up.json().get("documents").get(0).get("id").asText();
    try {
      WebElement answer = ask("Who lit the Gull Rock beacon?");
      answer.findElement(By.cssSelector(".answer-text .cite")).click();
      awaitQuote();
      WebElement toggle = wait.until(ExpectedConditions.elementToBeClickable(By.id("page-toggle")));
      assertThat(toggle.getText()).isEqualTo("Show page 1");
      toggle.click();
      WebElement image =
          wait.until(
              ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#page-view img")));
      wait.until(
          d ->
              Boolean.TRUE.equals(
                  driver.executeScript("return arguments[0].naturalWidth > 0", image)));
      assertThat(image.getAttribute("alt"))
          .isEqualTo("Page 1 of Gull Rock beacon, the quoted passage highlighted");
      assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();
      Browser.screenshot(driver, "pdf-page-view");
    } finally {
      http.delete("/api/v1/documents/" + id);
    }
  }

  @Test
  void lets_an_admin_review_and_filter_thumbs_down_answers() throws Exception {
    HttpJson http = new HttpJson(app.port());
    for (String rating : List.of("down", "up")) {
      var stored =
          http.post(
              "/api/v1/feedback",
              "{\"rating\": \""
                  + rating
                  + "\", \"question\": \"Who founded the lighthouse trust ("
                  + rating
                  + ")?\", \"answer\": \"Nobody knows [1].\", \"comment\": \"Wrong person\","
                  + " \"citations\": [{\"n\": 1, \"documentId\": \"0123456789abcdef\","
                  + " \"title\": \"Trust history\", \"source\": \"trust.txt\","
                  + " \"quote\": \"The trust was founded in 1890.\"}]}");
      assertThat(stored.status()).as(stored.body()).isEqualTo(201);
    }
    WebElement button =
        wait.until(ExpectedConditions.elementToBeClickable(By.id("feedback-button")));
    button.click();
    wait.until(d -> d.findElement(By.id("feedback-list")).getText().contains("lighthouse trust"));
    String shown = driver.findElement(By.id("feedback-list")).getText();
    assertThat(shown)
        .contains("Who founded the lighthouse trust (down)?")
        .doesNotContain("(up)")
        .contains("Nobody knows [1].")
        .contains("Trust history")
        .contains("Comment: Wrong person");
    driver.findElement(By.id("feedback-search")).sendKeys("no such words");
    wait.until(d -> d.findElements(By.cssSelector("#feedback-list li.feedback-item")).isEmpty());
    driver.findElement(By.id("feedback-search")).clear();
    driver.findElement(By.id("feedback-search")).sendKeys("lighthouse");
    wait.until(d -> !d.findElements(By.cssSelector("#feedback-list li.feedback-item")).isEmpty());
    assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();
    Browser.screenshot(driver, "feedback-review");
    var csv = http.get("/api/v1/admin/feedback?rating=down&format=csv");
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body())
        .startsWith("at,rating,question,answer,abstained,citations,comment")
        .contains("\"Who founded the lighthouse trust (down)?\"")
        .doesNotContain("(up)");
    driver.findElement(By.id("feedback-close")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("feedback-view")));
  }

  @Test
  void copies_the_answer_with_its_sources_as_text() {
    driver.executeCdpCommand(
        "Browser.grantPermissions",
        Map.of(
            "origin",
            baseUrl.substring(0, baseUrl.length() - 1),
            "permissions",
            List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    WebElement answer = ask(FIGHTERS);

    WebElement copy = answer.findElement(By.cssSelector(".copy"));
    copy.click();
    wait.until(ExpectedConditions.textToBePresentInElement(copy, "Copied"));
    String copied =
        (String)
            driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + " navigator.clipboard.readText().then(done, e => done('error: ' + e));");
    assertThat(copied).contains("8,000").contains("\n\nSources:\n[1] ").contains("Taliban");
  }

  @Test
  void works_from_the_keyboard_alone() {
    WebElement box = driver.findElement(By.id("question"));
    assertThat(driver.switchTo().activeElement()).isEqualTo(box);
    new Actions(driver)
        .sendKeys("How many TTP fighters")
        .keyDown(Keys.SHIFT)
        .sendKeys(Keys.ENTER)
        .keyUp(Keys.SHIFT)
        .sendKeys("are in Afghanistan?")
        .perform();
    assertThat(box.getAttribute("value")).isEqualTo("How many TTP fighters\nare in Afghanistan?");
    new Actions(driver).sendKeys(Keys.ENTER).perform();
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".message.assistant .answer-text")));

    WebElement focused = null;
    for (int i = 0; i < 40 && focused == null; i++) {
      new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
      WebElement active = driver.switchTo().activeElement();
      if (active.getAttribute("class").contains("cite")) {
        focused = active;
      }
    }
    assertThat(focused).as("a citation chip reachable with Shift+Tab").isNotNull();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cite-tip")));
    new Actions(driver).sendKeys(Keys.ESCAPE).perform();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("cite-tip")));

    new Actions(driver).sendKeys(Keys.ENTER).perform();
    awaitQuote();
    new Actions(driver).sendKeys(Keys.ESCAPE).perform();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("doc-view")));
    assertThat(driver.switchTo().activeElement()).isEqualTo(focused);
  }

  @Test
  void fits_a_phone_screen_without_sideways_scrolling() throws IOException {
    driver.manage().window().setSize(new Dimension(390, 844));
    wait.until(d -> ((Number) driver.executeScript("return window.innerWidth")).intValue() < 500);
    WebElement answer = ask(FIGHTERS);
    assertThat(horizontalOverflow()).as("page wider than the screen").isZero();
    Browser.screenshot(driver, "phone-answer");

    answer.findElement(By.cssSelector(".answer-text .cite")).click();
    awaitQuote();
    assertThat(horizontalOverflow()).isZero();
    long panelWidth =
        ((Number)
                driver.executeScript(
                    "return Math.round(document.getElementById('doc-view')"
                        + ".getBoundingClientRect().width)"))
            .longValue();
    long screenWidth =
        ((Number) driver.executeScript("return document.documentElement.clientWidth")).longValue();
    assertThat(panelWidth).as("document panel covers the screen").isEqualTo(screenWidth);
  }

  @Test
  void keeps_conversations_in_a_sidebar_to_rename_regenerate_edit_and_delete() throws Exception {
    driver.findElement(By.cssSelector(".history-delete-all")).click();
    driver.switchTo().alert().accept();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("history-list"), "No conversations yet."));
    ask(FIGHTERS);
    WebElement item =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".history-item.current")));
    assertThat(item.findElement(By.cssSelector(".history-open")).getText()).isEqualTo(FIGHTERS);

    item.findElement(By.cssSelector(".history-rename")).click();
    WebElement title = driver.findElement(By.cssSelector(".history-title-input"));
    title.clear();
    title.sendKeys("TTP numbers" + Keys.ENTER);
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".history-item .history-open"), "TTP numbers"));

    driver.findElement(By.cssSelector(".message.assistant .regenerate")).click();
    wait.until(d -> d.findElements(By.cssSelector(".message.assistant .regenerate")).size() == 1);
    assertThat(driver.findElements(By.cssSelector(".message.user"))).hasSize(1);

    driver.findElement(By.cssSelector(".edit-question")).click();
    WebElement edited = driver.findElement(By.cssSelector(".edit-text"));
    edited.clear();
    edited.sendKeys("Who is the Pakistani special representative for Afghanistan?");
    driver.findElement(By.cssSelector(".edit-send")).click();
    wait.until(
        d ->
            d.findElements(By.cssSelector(".message.user")).size() == 1
                && d.findElement(By.cssSelector(".message.user")).getText().startsWith("Who is")
                && !d.findElements(By.cssSelector(".message.assistant .regenerate")).isEmpty());
    assertThat(driver.findElement(By.cssSelector(".message.assistant .answer-text")).getText())
        .contains("Durrani");
    // The server cut the conversation at the edited question too.
    driver.navigate().refresh();
    wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector(".history-item .history-open")))
        .click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".message.user"), "Who is the Pakistani"));
    assertThat(driver.findElements(By.cssSelector(".message.assistant"))).hasSize(1);
    assertThat(Browser.seriousAccessibilityViolations(driver)).isEmpty();
    driver.manage().window().setSize(new Dimension(390, 844));
    wait.until(d -> ((Number) driver.executeScript("return window.innerWidth")).intValue() < 500);
    assertThat(horizontalOverflow()).as("page wider than the screen").isZero();
    driver.manage().window().setSize(new Dimension(1280, 900));

    driver.findElement(By.cssSelector(".history-item .history-delete")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.id("history-list"), "No conversations yet."));
  }

  @Test
  void exports_all_conversations_from_the_sidebar_as_markdown_and_json() throws Exception {
    ask(FIGHTERS);
    driver.findElement(By.id("new-conversation")).click();
    ask("Who is the Pakistani special representative for Afghanistan?");
    wait.until(d -> d.findElements(By.cssSelector(".history-item")).size() >= 2);
    Browser.screenshot(driver, "history-sidebar");
    // The export is handed to the browser as a Blob: keep each one to read what was produced.
    driver.executeScript(
        "window.askdocsExports = [];"
            + "const make = URL.createObjectURL.bind(URL);"
            + "URL.createObjectURL = (b) => { window.askdocsExports.push(b); return make(b); };");

    driver.findElement(By.linkText("Export all (JSON)")).click();
    JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(exported(0));
    assertThat(json.toString()).contains(FIGHTERS).contains("Asif Durrani");
    driver.findElement(By.linkText("Export all (Markdown)")).click();
    assertThat(exported(1))
        .contains(FIGHTERS)
        .contains("Who is the Pakistani special representative for Afghanistan?")
        .contains("Asif Durrani");
  }

  /** The text of the {@code n}th export the page produced, once it has. */
  private String exported(int n) {
    wait.until(
        d -> ((Number) driver.executeScript("return window.askdocsExports.length")).intValue() > n);
    return (String)
        driver.executeAsyncScript(
            "window.askdocsExports[" + n + "].text().then(arguments[arguments.length - 1]);");
  }

  @Test
  void shows_the_next_page_of_documents_when_asked() throws Exception {
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    for (int i = 1; i <= 51; i++) {
      files.put(
          String.format("shelf-%02d.txt", i),
          String.format("Shelf note %02d\n\nShelf %02d holds %d jars of quince jam.\n", i, i, i)
              .getBytes(StandardCharsets.UTF_8));
    }
    HttpJson http = new HttpJson(app.port());
    var up = http.upload("/api/v1/documents", "file", files);
    assertThat(up.status()).as(up.body()).isLessThan(300);
    List<String> ids = up.json().get("documents").findValuesAsText("id");
    try {
      wait.until(ExpectedConditions.elementToBeClickable(By.id("docs-button"))).click();
      WebElement more = wait.until(ExpectedConditions.elementToBeClickable(By.id("doc-more")));
      assertThat(driver.findElements(By.cssSelector("#doc-list .doc-item"))).hasSize(50);
      assertThat(driver.findElement(By.id("doc-list")).getText()).doesNotContain("shelf-51.txt");

      more.click();
      wait.until(d -> d.findElements(By.cssSelector("#doc-list .doc-item")).size() == 53);
      assertThat(driver.findElement(By.id("doc-list")).getText())
          .contains("shelf-50.txt")
          .contains("shelf-51.txt");
      assertThat(driver.findElements(By.id("doc-more"))).isEmpty();
    } finally {
      for (String id : ids) {
        http.delete("/api/v1/documents/" + id);
      }
    }
  }

  @Test
  void has_no_serious_accessibility_violations_in_light_or_dark() throws Exception {
    ask("Who won the 2018 World Cup?");
    WebElement answer = ask(FIGHTERS);
    answer.findElement(By.cssSelector(".vote-up")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElement(
            answer.findElement(By.cssSelector(".vote-note")), "feedback saved"));
    answer.findElement(By.cssSelector(".answer-text .cite")).click();
    awaitQuote();
    assertThat(Browser.seriousAccessibilityViolations(driver)).as("light").isEmpty();
    Browser.screenshot(driver, "page-light");

    Browser.colorScheme(driver, "dark");
    wait.until(
        d ->
            Boolean.TRUE.equals(
                driver.executeScript("return matchMedia('(prefers-color-scheme: dark)').matches")));
    assertThat(Browser.seriousAccessibilityViolations(driver)).as("dark").isEmpty();
    Browser.screenshot(driver, "page-dark");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void says_the_server_is_unreachable_once_it_stops() {
    app.close();
    app = null;

    driver.findElement(By.id("question")).sendKeys(FIGHTERS + Keys.ENTER);
    WebElement error =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.error.unreachable")));
    assertThat(error.getText()).contains("Server unreachable").contains("Could not reach");
    assertThat(error.findElement(By.cssSelector(".retry")).isEnabled()).isTrue();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Server unreachable"));
  }

  /** Types {@code question}, presses Enter and returns the assistant message that answers it. */
  private WebElement ask(String question) {
    int before = driver.findElements(By.cssSelector(".message.assistant")).size();
    driver.findElement(By.id("question")).sendKeys(question + Keys.ENTER);
    wait.until(
        d -> d.findElements(By.cssSelector(".message.assistant .answer-text")).size() > before);
    List<WebElement> answers = driver.findElements(By.cssSelector(".message.assistant"));
    assertThat(driver.findElement(By.id("question")).getAttribute("value")).isEmpty();
    return answers.get(answers.size() - 1);
  }

  private WebElement awaitQuote() {
    return wait.until(
        ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#doc-view mark.quote")));
  }

  private String documentId(String source) throws Exception {
    JsonNode listed = new HttpJson(app.port()).get("/api/v1/documents").json().get("documents");
    for (JsonNode d : listed) {
      if (d.get("source").asText().equals(source)) {
        return d.get("id").asText();
      }
    }
    throw new AssertionError("no document " + source + " in " + listed);
  }

  private long horizontalOverflow() {
    return ((Number)
            driver.executeScript(
                "const d = document.documentElement;"
                    + " const m = document.getElementById('messages');"
                    + " return Math.max(0, d.scrollWidth - d.clientWidth,"
                    + " document.body.scrollWidth - d.clientWidth, m.scrollWidth - m.clientWidth);"))
        .longValue();
  }

  private boolean isInViewport(WebElement element) {
    Object visible =
        driver.executeScript(
            "const r = arguments[0].getBoundingClientRect();"
                + " const box = arguments[0].closest('#doc-text').getBoundingClientRect();"
                + " return r.bottom > box.top && r.top < box.bottom;",
            element);
    return Boolean.TRUE.equals(visible);
  }
}
