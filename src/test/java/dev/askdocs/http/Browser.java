package dev.askdocs.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.Prerequisites;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium for the page tests: started once per test class, with explicit binary
 * and driver paths so that Selenium Manager never looks for (or downloads) any. Where {@link
 * #available()} is false (system properties {@code askdocs.chrome.binary} and {@code
 * askdocs.chromedriver.binary}), {@link #require()} skips the test, or fails it in CI.
 */
public final class Browser {
  static final File CHROME =
      new File(System.getProperty("askdocs.chrome.binary", "/usr/bin/chromium"));
  static final File CHROMEDRIVER =
      new File(System.getProperty("askdocs.chromedriver.binary", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Browser() {}

  /** True when Chromium and its driver are installed. */
  public static boolean available() {
    return CHROME.canExecute() && CHROMEDRIVER.canExecute();
  }

  /** Skips the calling test where Chromium is missing; fails it in CI, which installs Chromium. */
  public static void require() {
    Prerequisites.require(
        available(), "Chromium or chromedriver not found at " + CHROME + ", " + CHROMEDRIVER);
  }

  /** Headless Chromium with a fresh profile under {@code profileParent}. */
  public static ChromeDriver start(Path profileParent) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROME);
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
        "--user-data-dir=" + Files.createTempDirectory(profileParent, "chrome-profile"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  /**
   * Quits {@code driver}, then closes {@code servers} in order (the app, a fake model), each even
   * when one before it failed: the end of a page test class. A null (never started) is passed over.
   */
  static void quitThenClose(ChromeDriver driver, AutoCloseable... servers) throws Exception {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      Exception failure = null;
      for (AutoCloseable server : servers) {
        try {
          if (server != null) {
            server.close();
          }
        } catch (Exception e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  static void screenshot(ChromeDriver driver, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
  }

  /** Makes the page see {@code prefers-color-scheme: dark} (or light) as the system setting. */
  static void colorScheme(ChromeDriver driver, String scheme) {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }

  /**
   * Runs axe-core (vendored under src/test/resources/axe) in the page and returns its serious and
   * critical violations, each as "rule: help (selectors)".
   */
  static List<String> seriousAccessibilityViolations(ChromeDriver driver) throws IOException {
    String axe;
    try (InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    JavascriptExecutor js = driver;
    js.executeScript(axe);
    Object raw =
        js.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + " axe.run(document, { resultTypes: ['violations'] })"
                + ".then(r => done(JSON.stringify(r.passes.length > 0 ? r.violations"
                + " : [{id: 'axe-no-passes', impact: 'critical', help: 'axe checked nothing',"
                + " nodes: []}])))"
                + ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical',"
                + " help: String(e), nodes: []}])));");
    List<String> found = new ArrayList<>();
    for (JsonNode v : HttpJson.MAPPER.readTree((String) raw)) {
      String impact = v.path("impact").asText();
      if (impact.equals("serious") || impact.equals("critical")) {
        List<String> targets = new ArrayList<>();
        for (JsonNode n : v.path("nodes")) {
          targets.add(n.path("target").toString());
        }
        found.add(v.path("id").asText() + ": " + v.path("help").asText() + " " + targets);
      }
    }
    return found;
  }
}
