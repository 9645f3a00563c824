package dev.askdocs.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RobotsRulesTest {
  private static final URI ROBOTS = URI.create("https://h.org/robots.txt");

  private static RobotsRules robots(String text) {
    return RobotsRules.of(ROBOTS, 200, text.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean allows(RobotsRules rules, String path) {
    return rules.allows(URI.create("https://h.org" + path));
  }

  @Test
  void should_obey_the_star_group() {
    RobotsRules rules = robots("User-agent: *\nDisallow: /private/\nAllow: /private/open.html\n");
    assertThat(allows(rules, "/docs/a.html")).isTrue();
    assertThat(allows(rules, "/private/a.html")).isFalse();
    assertThat(allows(rules, "/private/open.html")).isTrue();
  }

  @Test
  void should_prefer_the_askdocs_group_over_the_star_group() {
    RobotsRules rules =
        robots("User-agent: *\nDisallow: /\n\nUser-agent: askdocs\nDisallow: /drafts/\n");
    assertThat(allows(rules, "/docs/a.html")).isTrue();
    assertThat(allows(rules, "/drafts/a.html")).isFalse();
  }

  @Test
  void should_match_wildcards_and_end_anchors() {
    RobotsRules rules = robots("User-agent: *\nDisallow: /*.pdf$\nDisallow: /tmp*\n");
    assertThat(allows(rules, "/a/b.pdf")).isFalse();
    assertThat(allows(rules, "/a/b.pdf.html")).isTrue();
    assertThat(allows(rules, "/tmpfiles/x")).isFalse();
  }

  @Test
  void should_allow_everything_without_robots_txt_and_nothing_when_it_fails() {
    assertThat(allows(RobotsRules.of(ROBOTS, 404, new byte[0]), "/any")).isTrue();
    assertThat(allows(RobotsRules.of(ROBOTS, 503, new byte[0]), "/any")).isFalse();
    assertThat(allows(RobotsRules.unreachable(), "/any")).isFalse();
  }

  @Test
  void should_read_the_crawl_delay_in_milliseconds_and_cap_it() {
    assertThat(robots("User-agent: *\nCrawl-delay: 2\n").crawlDelayMillis()).isEqualTo(2000);
    assertThat(robots("User-agent: *\nDisallow:\n").crawlDelayMillis()).isZero();
    assertThat(robots("User-agent: *\nCrawl-delay: 200\n").crawlDelayMillis())
        .isEqualTo(RobotsRules.MAX_CRAWL_DELAY_MILLIS);
  }
}
