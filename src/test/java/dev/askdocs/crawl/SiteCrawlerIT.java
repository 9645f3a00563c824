package dev.askdocs.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.config.SiteSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crawler against a real documentation site served on loopback by the test. */
class SiteCrawlerIT {
  static final Path SITE = Path.of("src/test/resources/site/conda-docs");

  @TempDir Path mirror;
  TestSite site;

  @BeforeEach
  void serve() {
    site = new TestSite(SITE);
  }

  @AfterEach
  void stop() {
    site.close();
  }

  SiteCrawler crawler(int maxPages) {
    SiteSettings settings =
        new SiteSettings(
            List.of(URI.create(site.base() + "/docs/")),
            URI.create(site.base() + "/sitemap.xml"),
            site.base() + "/docs/",
            maxPages,
            1,
            60);
    return new SiteCrawler(settings, mirror);
  }

  List<Path> mirrorFiles() throws Exception {
    try (Stream<Path> files = Files.walk(mirror)) {
      return files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
    }
  }

  Map<Path, FileTime> mtimes() throws Exception {
    return mirrorFiles().stream()
        .collect(
            Collectors.toMap(
                f -> f,
                f -> {
                  try {
                    return Files.getLastModifiedTime(f);
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                }));
  }

  @Test
  void mirrors_every_allowed_page_once_and_never_asks_for_disallowed_or_off_prefix_urls()
      throws Exception {
    CrawlReport report = crawler(1000).crawl();

    // All but the disallowed page, and the page reached only through a redirect.
    int expected = site.pages().size() - 1 + 1;
    assertThat(report.pages()).hasSize(expected).hasSizeGreaterThanOrEqualTo(50);
    assertThat(report.written()).isEqualTo(expected);
    assertThat(mirrorFiles()).hasSize(expected);
    assertThat(site.requests())
        .extracting(TestSite.Request::path)
        .doesNotContain(TestSite.DISALLOWED, TestSite.OFF_PREFIX)
        .contains(TestSite.MOVED, TestSite.LEAVES)
        .startsWith("/robots.txt", "/sitemap.xml");
    // A redirect within the prefix is followed and the page kept under its final URL.
    assertThat(report.pages())
        .contains(site.base() + TestSite.MOVED_HERE)
        .doesNotContain(site.base() + TestSite.MOVED, site.base() + TestSite.LEAVES);
    assertThat(site.requests())
        .extracting(TestSite.Request::userAgent)
        .allSatisfy(agent -> assertThat(agent).startsWith("askdocs/"));
    // "/docs/" and "/docs/index.html" are one page: its canonical URL.
    assertThat(report.pages())
        .contains(site.base() + "/docs/index.html")
        .doesNotContain(site.base() + "/docs/");
    Document index =
        Jsoup.parse(
            mirror
                .resolve("127.0.0.1_" + URI.create(site.base()).getPort() + "/docs/index.html")
                .toFile());
    assertThat(index.selectFirst("link[rel=canonical]").attr("href"))
        .isEqualTo(site.base() + "/docs/index.html");
    assertThat(index.select("nav, script, [role=navigation]")).isEmpty();
    assertThat(index.body().text()).doesNotContain("Search docs").contains("Conda");
    try (Stream<Path> all = Files.walk(mirror)) {
      assertThat(all.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
          .allSatisfy(
              n ->
                  assertThat(n)
                      .matches("[A-Za-z0-9_-][A-Za-z0-9._-]*\\.html|\\.crawl-state\\.json"));
    }
  }

  @Test
  void a_second_crawl_gets_304_for_every_page_and_writes_nothing() throws Exception {
    SiteCrawler crawler = crawler(1000);
    CrawlReport first = crawler.crawl();
    Map<Path, FileTime> before = mtimes();
    site.clearRequests();

    CrawlReport second = crawler.crawl();

    assertThat(second.written()).isZero();
    assertThat(second.unchanged()).isZero();
    assertThat(second.removed()).isZero();
    assertThat(second.changed()).isFalse();
    assertThat(second.pages()).containsExactlyInAnyOrderElementsOf(first.pages());
    List<TestSite.Request> pages =
        site.requests().stream().filter(r -> r.path().startsWith("/docs/")).toList();
    assertThat(pages).noneMatch(r -> r.status() == 200);
    assertThat(pages.stream().filter(r -> r.status() == 304).count())
        .isEqualTo(second.notModified());
    assertThat(second.notModified()).isGreaterThanOrEqualTo(first.pages().size());
    assertThat(mtimes()).isEqualTo(before);
  }

  @Test
  void rewrites_a_changed_page_and_deletes_a_page_that_is_gone() throws Exception {
    SiteCrawler crawler = crawler(1000);
    crawler.crawl();
    Path changed =
        mirror.resolve("127.0.0.1_" + URI.create(site.base()).getPort() + "/docs/faq.html");
    Path removed =
        mirror.resolve("127.0.0.1_" + URI.create(site.base()).getPort() + "/docs/mro.html");
    assertThat(changed).exists();
    assertThat(removed).exists();

    site.replace("/docs/faq.html", "<title>FAQ</title><main><p>Only one answer now.</p></main>");
    site.remove("/docs/mro.html");
    CrawlReport report = crawler.crawl();

    assertThat(report.written()).isEqualTo(1);
    assertThat(report.removed()).isEqualTo(1);
    assertThat(report.changed()).isTrue();
    assertThat(Files.readString(changed, StandardCharsets.UTF_8)).contains("Only one answer now.");
    assertThat(removed).doesNotExist();
    assertThat(report.pages()).doesNotContain(site.base() + "/docs/mro.html");
  }

  @Test
  void stops_at_max_pages() throws Exception {
    CrawlReport report = crawler(10).crawl();

    assertThat(report.pages()).hasSize(10);
    assertThat(mirrorFiles()).hasSize(10);
  }
}
