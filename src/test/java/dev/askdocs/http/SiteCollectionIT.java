package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askdocs.App;
import dev.askdocs.config.Config;
import dev.askdocs.config.ConfigFile;
import dev.askdocs.crawl.TestSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection declared in askdocs.yml with a web site as its only source: {@code serve} crawls it
 * into a mirror beside the index, ingests the mirror, and answers in that collection with the
 * page's URL. The site is a part of SiteCrawlIT's (its start page, the disallowed glossary and the
 * configuration guide): the size of a real site is SiteCrawlIT's to test, and embedding it twice
 * would cost the suite a minute.
 */
class SiteCollectionIT {
  @TempDir static Path tmp;
  static TestSite site;
  static App app;
  static HttpJson http;

  @BeforeAll
  static void start() throws Exception {
    site = new TestSite(part(SiteCrawlIT.SITE, tmp.resolve("site")));
    Path yml = tmp.resolve("askdocs.yml");
    Files.writeString(
        yml,
        """
        collections:
          - name: conda
            sites:
              - urls: [%s/docs/]
                sitemap: %s/sitemap.xml
                delayMillis: 0
                maxPages: 500
        """
            .formatted(site.base(), site.base()));
    Config config =
        Config.builder()
            .set(Config.CORPUS_DIR, tmp.resolve("unused"))
            .set(Config.INDEX_DIR, tmp.resolve("data/index"))
            .set(Config.PORT, 0)
            .file(ConfigFile.read(yml))
            .build();
    app = App.start(config);
    http = new HttpJson(app.port());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    if (site != null) {
      site.close();
    }
  }

  /** A copy of the site's start page, its disallowed page and its configuration guide. */
  static Path part(Path site, Path to) throws java.io.IOException {
    Path guide = Path.of("user-guide", "configuration");
    Files.createDirectories(to.resolve(guide));
    Files.copy(site.resolve("index.html"), to.resolve("index.html"));
    Files.copy(
        site.resolve(TestSite.DISALLOWED.substring("/docs/".length())),
        to.resolve(TestSite.DISALLOWED.substring("/docs/".length())));
    try (var pages = Files.list(site.resolve(guide))) {
      for (Path page : pages.toList()) {
        Files.copy(page, to.resolve(guide).resolve(page.getFileName()));
      }
    }
    return to;
  }

  /** The pages in the mirror: its .html files, not its dot-files. */
  static long pages(Path mirror) throws java.io.IOException {
    try (var files = Files.walk(mirror)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".html"))
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .count();
    }
  }

  @Test
  void serves_a_site_declared_in_askdocs_yml_with_page_urls_in_citations() throws Exception {
    // The crawl is over (its state file is written last) and every mirrored page is indexed, with
    // no ingest running: a question asked earlier would see part of the site, and BM25 statistics
    // of part of a corpus.
    Path mirror = tmp.resolve("data/sites/conda/127.0.0.1");
    await()
        .atMost(Duration.ofMinutes(8))
        // Within the API's rate limit (120 a minute), which a refused poll would only prolong.
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              if (!Files.exists(mirror.resolve(".crawl-state.json"))) {
                return false;
              }
              HttpJson.Reply r = http.get("/api/v1/documents?collection=conda");
              return r.status() == 200
                  && r.json().get("ingest").isNull()
                  // The list comes a page at a time; its total counts every document.
                  && r.json().get("total").asInt() == pages(mirror)
                  // At least the start page and the seven configuration pages.
                  && r.json().get("total").asInt() >= 8;
            });
    JsonNode answer =
        http.post(
                "/api/v1/ask",
                HttpJson.MAPPER
                    .createObjectNode()
                    .put("question", SiteCrawlIT.QUESTION)
                    .put("collection", "conda")
                    .toString())
            .json();
    assertThat(answer.get("citations").findValuesAsText("url"))
        .as(answer.toString())
        .contains(site.base() + SiteCrawlIT.PAGE);
    assertThat(site.requests())
        .extracting(TestSite.Request::path)
        .doesNotContain(TestSite.DISALLOWED);
  }
}
