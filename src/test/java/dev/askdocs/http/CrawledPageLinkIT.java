package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.App;
import dev.askdocs.config.Config;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * On the chat page, a source that is a crawled web page (an HTML file with a canonical link, as the
 * crawler's mirror writes) links to the page, in a new tab and without handing it the chat page; a
 * canonical link that is not http(s) never becomes a link. Nothing is fetched from the page's
 * address: the link is only rendered.
 */
class CrawledPageLinkIT {
  private static final String PAGE_URL = "http://127.0.0.1:9/guide/bridges.html";

  @TempDir static Path tempDir;
  private static App app;
  private static ChromeDriver driver;
  private static String baseUrl;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.available()) {
      return;
    }
    Path corpus = Files.createDirectories(tempDir.resolve("corpus"));
    Files.writeString(
        corpus.resolve("bridges.html"),
        "<html><head><title>Bridges</title><link rel=\"canonical\" href=\""
            + PAGE_URL
            + "\"></head><body><main><p>The Kessler bridge was built in 1887 by the Harrow Iron"
            + " Company.</p></main></body></html>",
        StandardCharsets.UTF_8);
    Files.writeString(
        corpus.resolve("tunnels.html"),
        "<html><head><title>Tunnels</title><link rel=\"canonical\""
            + " href=\"javascript:alert(1)\"></head><body><main><p>The Orvell tunnel opened in"
            + " 1901 under the river.</p></main></body></html>",
        StandardCharsets.UTF_8);
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, corpus)
            .set(Config.INDEX_DIR, tempDir.resolve("index"))
            .set(Config.PORT, 0)
            .set(Config.HOST, "127.0.0.1")
            .build();
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(2));
    baseUrl = "http://127.0.0.1:" + app.port() + "/";
    driver = Browser.start(tempDir);
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
    }
  }

  @Test
  void a_crawled_source_links_to_its_page_and_a_script_url_never_does() {
    Browser.require();
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    driver.get(baseUrl);
    wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));

    WebElement bridge = ask(wait, "When was the Kessler bridge built?");
    List<WebElement> links = bridge.findElements(By.cssSelector(".sources li a.source-link"));
    assertThat(links).hasSize(1);
    WebElement link = links.get(0);
    assertThat(link.getAttribute("href")).isEqualTo(PAGE_URL);
    assertThat(link.getAttribute("target")).isEqualTo("_blank");
    assertThat(link.getAttribute("rel")).contains("noopener").contains("noreferrer");

    bridge.findElement(By.cssSelector(".sources li .source")).click();
    wait.until(d -> !d.findElements(By.cssSelector("#doc-meta a.source-link")).isEmpty());
    assertThat(driver.findElement(By.cssSelector("#doc-meta a.source-link")).getAttribute("href"))
        .isEqualTo(PAGE_URL);
    driver.findElement(By.id("doc-close")).click();

    WebElement tunnel = ask(wait, "When did the Orvell tunnel open?");
    assertThat(tunnel.findElements(By.cssSelector(".sources li .source"))).isNotEmpty();
    assertThat(tunnel.findElements(By.cssSelector("a.source-link"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
  }

  private static WebElement ask(WebDriverWait wait, String question) {
    int before = driver.findElements(By.cssSelector(".message.assistant")).size();
    driver.findElement(By.id("question")).sendKeys(question + Keys.ENTER);
    wait.until(
        d -> d.findElements(By.cssSelector(".message.assistant .answer-text")).size() > before);
    List<WebElement> answers = driver.findElements(By.cssSelector(".message.assistant"));
    WebElement last = answers.get(answers.size() - 1);
    wait.until(d -> !last.findElements(By.cssSelector(".sources li")).isEmpty());
    return last;
  }
}
