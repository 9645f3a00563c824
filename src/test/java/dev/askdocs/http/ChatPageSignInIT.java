package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.App;
import dev.askdocs.TestCorpus;
import dev.askdocs.config.CollectionSettings;
import dev.askdocs.config.Config;
import dev.askdocs.config.ConfigFile;
import dev.askdocs.config.OidcSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
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
 * The chat page with sign-in configured, in real Chromium against a real OpenID Connect provider
 * (mock-oauth2-server and its own login page): Sign in, the provider's form, back signed in, a
 * question answered, Sign out.
 */
class ChatPageSignInIT {
  @TempDir static Path tmp;
  static MockOAuth2Server provider;
  static App app;
  static ChromeDriver driver;

  @BeforeAll
  static void start() throws IOException {
    Browser.require();
    provider = new MockOAuth2Server(new OAuth2Config(true));
    provider.start();
    // Two collections: staff read the handbook; the board reads both.
    Path board = Files.createDirectories(tmp.resolve("board"));
    Files.writeString(board.resolve("board-minutes.md"), BOARD_MINUTES);
    ConfigFile file =
        new ConfigFile(
            List.of(
                new CollectionSettings(
                    "handbook",
                    List.of(TestCorpus.withSeed(tmp.resolve("corpus"))),
                    List.of(),
                    List.of("staff", "board"),
                    List.of(),
                    List.of()),
                new CollectionSettings(
                    "board", List.of(board), List.of(), List.of("board"), List.of(), List.of())),
            List.of(),
            new OidcSettings(
                provider.issuerUrl("default").uri(),
                "askdocs",
                "not-so-secret",
                null,
                null,
                null,
                null,
                null),
            null,
            null);
    Config config =
        Config.builder()
            .file(file)
            .set(Config.CORPUS_DIR, tmp.resolve("unused"))
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .build();
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(2));
    driver = Browser.start(tmp);
  }

  @AfterAll
  static void stop() {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      try {
        if (app != null) {
          app.close();
        }
      } finally {
        if (provider != null) {
          provider.shutdown();
        }
      }
    }
  }

  /** Each test starts signed out. */
  static String signedOut() {
    String base = "http://127.0.0.1:" + app.port() + "/";
    driver.get(base + "favicon.svg");
    driver.manage().deleteAllCookies();
    // A conversation another test left in the browser would be restored on the page.
    driver.executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
    return base;
  }

  static final String BOARD_MINUTES =
      "# Board minutes\n\nThe board approved the acquisition of Quillfeather Dynamics. The code"
          + " name of the deal is PELICANORANGE.\n";

  /** Signs in at the provider's own login page as {@code user} with {@code groups}. */
  static void signIn(WebDriverWait wait, String base, String user, String groups) {
    driver.get(base);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys(user);
    driver
        .findElement(By.name("claims"))
        .sendKeys("{\"email\": \"" + user + "@example.com\", \"groups\": " + groups + "}");
    driver.findElement(By.cssSelector("input[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), user));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Ready"));
  }

  @Test
  void the_collection_picker_shows_only_what_the_person_may_read() throws IOException {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    signIn(wait, signedOut(), "carol", "[\"board\"]");
    // The board reads both collections: the picker shows both, and board's documents answer.
    WebElement picker =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("collection")));
    assertThat(
            new org.openqa.selenium.support.ui.Select(picker)
                .getOptions().stream().map(WebElement::getText).toList())
        .containsExactly("handbook", "board");
    new org.openqa.selenium.support.ui.Select(picker).selectByVisibleText("board");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "1 document"));
    driver
        .findElement(By.id("question"))
        .sendKeys("What is the code name of the deal?" + Keys.ENTER);
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".message.assistant .answer-text .cite")));
    assertThat(driver.findElement(By.cssSelector(".message.assistant .answer-text")).getText())
        .contains("PELICANORANGE");
    Browser.screenshot(driver, "collection-picker-board");

    // Staff read only the handbook: no picker, and the board's collection is unknown to them.
    signIn(wait, signedOut(), "dave", "[\"staff\"]");
    assertThat(driver.findElement(By.id("collection-picker")).isDisplayed()).isFalse();
    Object status =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('api/v1/documents?collection=board').then(r => done(r.status), () =>"
                + " done(-1));");
    assertThat(status).isEqualTo(404L);
  }

  @Test
  void a_document_link_signs_in_first_and_then_opens_the_document() {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    String link = signedOut() + "?doc=0123456789abcdef&start=0&end=10";
    driver.get(link);
    // Straight on to the provider: no click needed, as for a link from Slack.
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys("bob");
    driver.findElement(By.cssSelector("input[type=submit]")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "bob"));
    assertThat(driver.getCurrentUrl()).isEqualTo(link);
  }

  @Test
  void signs_in_at_the_provider_asks_and_signs_out() throws IOException {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    String base = signedOut();
    driver.get(base);
    WebElement signIn = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Sign in"));
    assertThat(driver.findElement(By.id("key-form")).isDisplayed()).isFalse();
    signIn.click();

    // The provider's own login page: a user name and the claims its token will carry.
    WebElement user =
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
    assertThat(driver.getCurrentUrl())
        .startsWith(provider.authorizationEndpointUrl("default").toString());
    user.sendKeys("ada");
    driver
        .findElement(By.name("claims"))
        .sendKeys("{\"email\": \"ada@example.com\", \"groups\": [\"staff\"]}");
    driver.findElement(By.cssSelector("input[type=submit]")).click();

    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "ada@example.com"));
    assertThat(driver.getCurrentUrl()).isEqualTo(base);
    assertThat(driver.findElement(By.id("sign-out")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("sign-in")).isDisplayed()).isFalse();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Ready"));
    driver
        .findElement(By.id("question"))
        .sendKeys("Who is the Pakistani special representative for Afghanistan?" + Keys.ENTER);
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".message.assistant .answer-text .cite")));
    assertThat(driver.findElement(By.cssSelector(".message.assistant .answer-text")).getText())
        .contains("Asif Durrani");
    // The page's thumbs-up is a cookie-authenticated POST: it carries the CSRF token.
    driver.findElement(By.cssSelector(".message.assistant .vote-up")).click();
    wait.until(
        ExpectedConditions.attributeToBe(
            By.cssSelector(".message.assistant .vote-up"), "aria-pressed", "true"));
    Browser.screenshot(driver, "signed-in-answered");

    WebElement signOut = driver.findElement(By.id("sign-out"));
    signOut.click();
    // The page leaves (to the provider's sign-out, which may send it straight back).
    wait.until(ExpectedConditions.stalenessOf(signOut));
    driver.get(base);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
    assertThat(driver.findElement(By.id("who")).isDisplayed()).isFalse();
    Object me =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('api/v1/me').then(r => done(r.status), () => done(-1));");
    assertThat(me).isEqualTo(401L);
  }
}
