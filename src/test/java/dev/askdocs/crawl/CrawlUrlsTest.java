package dev.askdocs.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CrawlUrlsTest {
  private static final URI PAGE = URI.create("https://docs.example.org/guide/start.html");

  @Test
  void should_drop_fragment_default_port_and_case_of_scheme_and_host() {
    assertThat(CrawlUrls.resolve(null, "HTTPS://Docs.Example.ORG:443/guide/a.html#part"))
        .hasToString("https://docs.example.org/guide/a.html");
    assertThat(CrawlUrls.resolve(null, "http://docs.example.org:80"))
        .hasToString("http://docs.example.org/");
  }

  @Test
  void should_keep_other_ports_and_the_query() {
    assertThat(CrawlUrls.resolve(null, "http://localhost:8080/a?b=1#c"))
        .hasToString("http://localhost:8080/a?b=1");
  }

  @Test
  void should_resolve_relative_links_and_remove_dot_segments() {
    assertThat(CrawlUrls.resolve(PAGE, "../api/./x.html"))
        .hasToString("https://docs.example.org/api/x.html");
    assertThat(CrawlUrls.resolve(PAGE, "#top"))
        .hasToString("https://docs.example.org/guide/start.html");
  }

  @Test
  void should_escape_what_a_browser_escapes() {
    assertThat(CrawlUrls.resolve(PAGE, "a b/é.html?q=1%zz"))
        .hasToString("https://docs.example.org/guide/a%20b/%C3%A9.html?q=1%25zz");
  }

  @Test
  void should_refuse_anything_but_http_and_https() {
    assertThat(CrawlUrls.resolve(PAGE, "javascript:alert(1)")).isNull();
    assertThat(CrawlUrls.resolve(PAGE, "mailto:a@b.c")).isNull();
    assertThat(CrawlUrls.resolve(PAGE, "ftp://docs.example.org/x")).isNull();
    assertThat(CrawlUrls.resolve(PAGE, "")).isNull();
    assertThat(CrawlUrls.resolve(PAGE, "http://[bad")).isNull();
  }

  @Test
  void should_bound_the_crawl_by_host_and_path_prefix() {
    String prefix = "https://docs.example.org/guide/";
    assertThat(CrawlUrls.within(URI.create("https://docs.example.org/guide/a.html"), prefix))
        .isTrue();
    assertThat(CrawlUrls.within(URI.create("https://docs.example.org/blog/a.html"), prefix))
        .isFalse();
    assertThat(CrawlUrls.within(URI.create("http://docs.example.org/guide/a.html"), prefix))
        .isFalse();
    assertThat(CrawlUrls.within(CrawlUrls.resolve(PAGE, "../../guide/../blog/"), prefix)).isFalse();
  }

  @Test
  void should_not_let_a_bare_host_prefix_admit_a_longer_host() {
    assertThat(CrawlUrls.within(URI.create("https://example.org.evil.net/"), "https://example.org"))
        .isFalse();
    assertThat(CrawlUrls.within(URI.create("https://example.org/any"), "https://example.org"))
        .isTrue();
  }
}
