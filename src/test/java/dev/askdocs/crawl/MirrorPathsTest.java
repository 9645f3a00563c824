package dev.askdocs.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MirrorPathsTest {
  private static String file(String url) {
    return MirrorPaths.fileFor(CrawlUrls.resolve(null, url));
  }

  @Test
  void should_map_a_page_to_its_path_under_the_host() {
    assertThat(file("https://docs.example.org/guide/start.html"))
        .isEqualTo("docs.example.org/guide/start.html");
    assertThat(file("https://docs.example.org/guide/"))
        .isEqualTo("docs.example.org/guide/index.html");
    assertThat(file("https://docs.example.org")).isEqualTo("docs.example.org/index.html");
    assertThat(file("http://localhost:8080/a/b")).isEqualTo("localhost_8080/a/b.html");
  }

  @Test
  void should_be_stable() {
    String url = "https://docs.example.org/a b/é?q=1";
    assertThat(file(url)).isEqualTo(file(url));
  }

  @Test
  void should_never_leave_the_mirror_folder_nor_make_hidden_files() {
    Path mirror = Path.of("/mirror");
    for (String url :
        List.of(
            "https://h.org/%2e%2e/%2e%2e/etc/passwd",
            "https://h.org/..%2f..%2fetc/passwd",
            "https://h.org/.hidden/.profile",
            "https://h.org/a/%00/b",
            "https://h.org/C:%5cwindows",
            "https://h.org/" + "x".repeat(500))) {
      String f = MirrorPaths.fileFor(URI.create(url));
      assertThat(mirror.resolve(f).normalize()).startsWithRaw(mirror.resolve("h.org"));
      for (String part : f.split("/")) {
        assertThat(part).doesNotStartWith(".").matches("[A-Za-z0-9._-]{1,100}");
      }
    }
  }

  @Test
  void should_give_urls_that_differ_only_in_odd_characters_or_query_their_own_files() {
    assertThat(file("https://h.org/a b")).isNotEqualTo(file("https://h.org/a_b"));
    assertThat(file("https://h.org/p?x=1"))
        .isNotEqualTo(file("https://h.org/p?x=2"))
        .isNotEqualTo(file("https://h.org/p"));
    assertThat(file("https://h.org/p.htm")).isNotEqualTo(file("https://h.org/p.html"));
  }
}
