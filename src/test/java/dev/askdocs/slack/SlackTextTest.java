package dev.askdocs.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SlackTextTest {
  @Test
  void escapes_the_three_characters_slack_reserves() {
    assertThat(SlackText.escape("a & b < c > d")).isEqualTo("a &amp; b &lt; c &gt; d");
    assertThat(SlackText.escape("<!channel> <@U123> &lt;"))
        .isEqualTo("&lt;!channel&gt; &lt;@U123&gt; &amp;lt;");
  }

  @Test
  void reads_slack_formatted_input_as_plain_text() {
    assertThat(SlackText.plain("<@U0BOT> who is the special representative?"))
        .isEqualTo("who is the special representative?");
    assertThat(SlackText.plain("<@U0BOT|askdocs> what did <#C123|general> say about R&amp;D?"))
        .isEqualTo("@askdocs what did #general say about R&D?");
    assertThat(
            SlackText.plain("see <https://example.com/a?b=1&amp;c=2|the page> and <https://x.org>"))
        .isEqualTo("see the page and https://x.org");
    assertThat(SlackText.plain("<!here> is 3 &lt; 4 &gt; 2?")).isEqualTo("is 3 < 4 > 2?");
    assertThat(SlackText.plain(null)).isEmpty();
    assertThat(SlackText.plain("  <@U0BOT>  ")).isEmpty();
  }

  @Test
  void splits_long_text_at_spaces_within_the_limit() {
    String text = "word ".repeat(1000).strip(); // 4,999 characters
    List<String> pieces = SlackText.split(text, 3000);
    assertThat(pieces).hasSize(2).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(3000));
    assertThat(String.join(" ", pieces)).isEqualTo(text);
    assertThat(pieces.get(0)).endsWith("word");
  }

  @Test
  void never_splits_inside_an_escape_or_a_surrogate_pair() {
    String escaped = "x".repeat(2998) + "&amp;" + "y".repeat(10);
    List<String> pieces = SlackText.split(escaped, 3000);
    assertThat(pieces.get(0)).isEqualTo("x".repeat(2998));
    assertThat(pieces.get(1)).startsWith("&amp;");

    String emoji = "x".repeat(2999) + "😀" + "z";
    List<String> cut = SlackText.split(emoji, 3000);
    assertThat(cut.get(0)).isEqualTo("x".repeat(2999));
    assertThat(cut.get(1)).isEqualTo("😀z");
  }

  @Test
  void keeps_short_text_whole_and_drops_blank_text() {
    assertThat(SlackText.split("short answer", 3000)).containsExactly("short answer");
    assertThat(SlackText.split("   ", 3000)).isEmpty();
  }

  @Test
  void truncates_with_an_ellipsis() {
    assertThat(SlackText.truncate("one two three four", 10)).isEqualTo("one two…");
    assertThat(SlackText.truncate("short", 10)).isEqualTo("short");
  }
}
