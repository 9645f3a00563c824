package dev.askdocs.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerMarkdownTest {
  @Test
  void renders_lists_and_tables_with_citation_markers_as_text() {
    String html =
        AnswerMarkdown.html(
            "Two facts:\n\n- pears grow here [1]\n- apples [2, 3]\n\n"
                + "| Fruit | Count |\n|---|--:|\n| pear | 340 [1] |\n");
    assertThat(html)
        .contains("<ul>\n<li>pears grow here [1]</li>")
        .contains("<li>apples [2, 3]</li>")
        .contains("<table>")
        .contains("<td align=\"right\">340 [1]</td>");
  }

  @Test
  void escapes_raw_html_and_drops_script_addresses() {
    String html =
        AnswerMarkdown.html(
            "<script>alert(1)</script> and <img src=x onerror=alert(2)>\n\n"
                + "[click](javascript:alert(3)) ![pic](javascript:alert(4)) [1]: javascript:x\n\n"
                + "<a href=\"javascript:alert(5)\">a</a> [ok](https://example.org/a)");
    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("<img src=x")
        .doesNotContain("href=\"javascript")
        .doesNotContain("src=\"javascript")
        .contains("href=\"\">click</a>")
        .contains("&lt;script&gt;")
        .contains("href=\"https://example.org/a\">ok</a>");
  }
}
