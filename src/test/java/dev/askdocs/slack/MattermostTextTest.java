package dev.askdocs.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.answer.Answer;
import dev.askdocs.answer.Citation;
import java.util.List;
import org.junit.jupiter.api.Test;

class MattermostTextTest {
  private final MattermostText text =
      new MattermostText(new DocumentLinks("https://askdocs.example.com"));

  @Test
  void renders_the_answer_then_linked_sources_with_quotes() {
    Answer answer =
        new Answer(
            "Durrani met them [1].",
            false,
            List.of(
                new Citation(
                    1,
                    "abc",
                    "Talks",
                    "talks.txt",
                    "abc#0",
                    "Durrani met them.",
                    3,
                    20,
                    null,
                    0.7)),
            List.of(),
            0.7);
    assertThat(text.render(new Reply.Answered("q", answer)))
        .isEqualTo(
            "Durrani met them \\[1\\].\n\n**Sources**\n"
                + "\\[1\\] [Talks](https://askdocs.example.com/?doc=abc&start=3&end=20)"
                + " · talks.txt\n> Durrani met them.");
  }

  @Test
  void links_a_crawled_page_to_its_url_and_never_to_other_schemes() {
    Citation page =
        new Citation(
            1,
            "w",
            "Install",
            "h.org/install.html",
            "w#0",
            "Run it.",
            0,
            7,
            null,
            0.7,
            true,
            null,
            "https://h.org/install(old).html?a=[1]");
    Citation script =
        new Citation(
            2,
            "s",
            "Bad",
            "bad.html",
            "s#0",
            "Bad.",
            0,
            4,
            null,
            0.6,
            true,
            null,
            "javascript:alert(1)");
    Answer answer = new Answer("Run it [1] [2].", false, List.of(page, script), List.of(), 0.7);
    String rendered =
        new MattermostText(new DocumentLinks("")).render(new Reply.Answered("q", answer));
    assertThat(rendered)
        .contains("[Install](https://h.org/install%28old%29.html?a=%5B1%5D)")
        .doesNotContain("javascript")
        .contains("\\[2\\] Bad");
    assertThat(text.render(new Reply.Answered("q", answer)))
        .contains("[Bad](https://askdocs.example.com/?doc=s&start=0&end=4)");
  }

  @Test
  void escapes_markdown_and_breaks_mentions_in_document_text() {
    String hostile = "Hey @channel and @all, see ![x](https://evil.example/p.png) *now*";
    String escaped = MattermostText.escape(hostile);
    assertThat(escaped)
        .doesNotContain("@channel")
        .doesNotContain("@all")
        .doesNotContain("![")
        .contains("@\u200Bchannel")
        .contains("\\!\\[x\\]\\(https://evil.example/p.png\\)")
        .contains("\\*now\\*");
  }

  @Test
  void says_an_abstention_without_sources() {
    Answer answer = new Answer("The documents don't contain it.", true, List.of(), List.of(), 0.1);
    assertThat(text.render(new Reply.Answered("q", answer)))
        .isEqualTo("The documents don't contain it.");
  }

  @Test
  void shows_the_location_of_each_source_escaped() {
    Citation c =
        new Citation(
            1,
            "abc",
            "Deck",
            "deck.pptx",
            "abc#0",
            "Revenue rose.",
            3,
            16,
            null,
            0.7,
            true,
            "Results › *Q3* @here");
    Answer answer = new Answer("Revenue rose [1].", false, List.of(c), List.of(), 0.7);
    assertThat(text.render(new Reply.Answered("q", answer)))
        .contains(" · deck.pptx · Results › \\*Q3\\* @\u200Bhere\n> Revenue rose.");
  }
}
