package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.App;
import dev.askdocs.config.ApiSettings;
import dev.askdocs.config.Config;
import dev.askdocs.config.SiteSettings;
import dev.askdocs.crawl.CrawlReport;
import dev.askdocs.crawl.SiteCrawler;
import dev.askdocs.crawl.SiteFollower;
import dev.askdocs.crawl.TestSite;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web site as a source, end to end: a real documentation site served on loopback by the test is
 * crawled into a mirror folder inside the corpus, the app answers from it with the page's URL in
 * the citation, a re-crawl costs one 304 per page and changes nothing, and a page that is gone from
 * the site is gone from the answers and the documents list.
 */
class SiteCrawlIT {
  static final Path SITE = Path.of("src/test/resources/site/conda-docs");
  static final String PAGE = "/docs/user-guide/configuration/use-winxp-with-proxy.html";
  static final String QUESTION =
      "Which Anaconda version is the last Python 3-based Anaconda to support Windows XP?";

  @TempDir static Path tmp;
  static TestSite site;
  static SiteCrawler crawler;
  static SiteFollower follower;
  static final AtomicInteger changes = new AtomicInteger();
  static App app;
  static HttpJson http;

  @BeforeAll
  static void start() {
    site = new TestSite(SITE);
    Path corpus = tmp.resolve("corpus");
    SiteSettings settings =
        new SiteSettings(
            List.of(URI.create(site.base() + "/docs/")),
            URI.create(site.base() + "/sitemap.xml"),
            null,
            null,
            5,
            60);
    crawler = new SiteCrawler(settings, corpus.resolve("sites/conda"));
    follower = new SiteFollower(crawler, Duration.ofHours(1), changes::incrementAndGet);
    follower.start();
    await().atMost(Duration.ofMinutes(2)).until(() -> follower.lastReport() != null);

    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, corpus)
            .set(Config.INDEX_DIR, tmp.resolve("index"))
            .set(Config.PORT, 0)
            .build();
    config = config.toBuilder().set(ApiSettings.RATE_LIMIT, 0).build();
    app = App.start(config);
    app.awaitReady(Duration.ofMinutes(5));
    http = new HttpJson(app.port());
  }

  @AfterAll
  static void stop() {
    if (follower != null) {
      follower.close();
    }
    if (app != null) {
      app.close();
    }
    if (site != null) {
      site.close();
    }
  }

  @Test
  void answers_from_a_crawled_site_with_the_page_url_recrawls_with_304s_and_drops_a_gone_page()
      throws Exception {
    CrawlReport first = follower.lastReport();
    assertThat(first.pages()).hasSizeGreaterThanOrEqualTo(50);
    assertThat(changes).hasValue(1);
    assertThat(site.requests())
        .extracting(TestSite.Request::path)
        .doesNotContain(TestSite.DISALLOWED, TestSite.OFF_PREFIX);
    await().atMost(Duration.ofMinutes(3)).until(() -> documents().size() == first.pages().size());

    String url = site.base() + PAGE;
    JsonNode answer = http.ask(QUESTION).json();
    JsonNode cited = citation(answer, url);
    assertThat(cited).as("a citation of %s in %s", url, answer).isNotNull();
    assertThat(cited.get("quote").asText()).contains("2.3.0");
    JsonNode listed = documents().get(url);
    assertThat(listed.get("source").asText())
        .endsWith("/docs/user-guide/configuration/use-winxp-with-proxy.html");
    JsonNode view = http.get("/api/v1/documents/" + listed.get("id").asText()).json();
    assertThat(view.get("url").asText()).isEqualTo(url);

    // A re-crawl: every page answers 304, no file is written, nothing is re-indexed.
    Map<String, String> indexedAt = indexedAt();
    site.clearRequests();
    CrawlReport second = crawler.crawl();
    assertThat(second.written()).isZero();
    assertThat(second.unchanged()).isZero();
    assertThat(second.changed()).isFalse();
    assertThat(second.notModified()).isGreaterThanOrEqualTo(first.pages().size());
    assertThat(site.requests())
        .filteredOn(r -> r.path().startsWith("/docs/"))
        .noneMatch(r -> r.status() == 200);
    assertThat(indexedAt()).isEqualTo(indexedAt);

    // The page is gone from the site: its file, its document and its citations go too.
    site.remove(PAGE);
    CrawlReport third = crawler.crawl();
    assertThat(third.removed()).isEqualTo(1);
    assertThat(third.written()).isZero();
    await().atMost(Duration.ofMinutes(1)).until(() -> !documents().containsKey(url));
    assertThat(documents()).hasSize(first.pages().size() - 1);
    JsonNode after = http.ask(QUESTION).json();
    assertThat(citation(after, url)).isNull();
    assertThat(site.requests())
        .extracting(TestSite.Request::path)
        .doesNotContain(TestSite.DISALLOWED, TestSite.OFF_PREFIX);
  }

  private static JsonNode citation(JsonNode answer, String url) {
    for (JsonNode c : answer.get("citations")) {
      if (url.equals(c.path("url").asText(null))) {
        return c;
      }
    }
    return null;
  }

  /** The indexed documents by URL. */
  private static Map<String, JsonNode> documents() throws Exception {
    Map<String, JsonNode> byUrl = new HashMap<>();
    List<String> withoutUrl = new ArrayList<>();
    for (JsonNode d : http.allDocuments("")) {
      if (d.path("url").isTextual()) {
        byUrl.put(d.get("url").asText(), d);
      } else {
        withoutUrl.add(d.get("source").asText());
      }
    }
    assertThat(withoutUrl).as("documents without a url").isEmpty();
    return byUrl;
  }

  private static Map<String, String> indexedAt() throws Exception {
    Map<String, String> at = new HashMap<>();
    documents().forEach((u, d) -> at.put(u, d.get("indexedAt").asText()));
    return at;
  }
}
