package dev.askdocs.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class MainContentTest {
  private static String text(String html) {
    return MainContent.of(Jsoup.parse(html)).text();
  }

  @Test
  void should_prefer_main() {
    assertThat(
            text(
                "<header>Site</header><nav>Menu</nav><main><h1>Install</h1><nav>Next</nav>"
                    + "<p>Run it.</p></main><aside>Ads</aside><footer>©</footer>"))
        .isEqualTo("Install Run it.");
  }

  @Test
  void should_take_article_then_role_main() {
    assertThat(text("<div>menu</div><article><p>Body</p></article>")).isEqualTo("Body");
    assertThat(text("<div class=side>menu</div><div role=main><p>Body</p></div>"))
        .isEqualTo("Body");
  }

  @Test
  void should_strip_the_page_frame_when_nothing_marks_the_content() {
    assertThat(
            text(
                "<body><header>Top</header><nav>Menu</nav><div role=navigation>More</div>"
                    + "<p>The text.</p><aside>Side</aside><footer>Bottom</footer></body>"))
        .isEqualTo("The text.");
  }

  @Test
  void should_write_title_canonical_link_and_content_without_running_scripts() {
    Document page =
        Jsoup.parse(
            "<title>Quick &amp; easy</title><main><p>Hi</p><script>alert(1)</script></main>");
    String html = MainContent.mirrorHtml(page, CrawlUrls.resolve(null, "https://h.org/a?x=\"><b>"));
    Document mirrored = Jsoup.parse(html);
    assertThat(mirrored.title()).isEqualTo("Quick & easy");
    assertThat(mirrored.selectFirst("link[rel=canonical]").attr("href"))
        .isEqualTo("https://h.org/a?x=%22%3E%3Cb%3E");
    assertThat(mirrored.select("script")).isEmpty();
    assertThat(mirrored.body().text()).isEqualTo("Hi");
  }

  @Test
  void should_not_change_the_page_it_reads() {
    Document page = Jsoup.parse("<nav>Menu</nav><main><nav>x</nav><p>Hi</p></main>");
    MainContent.of(page);
    assertThat(page.select("nav")).hasSize(2);
  }
}
