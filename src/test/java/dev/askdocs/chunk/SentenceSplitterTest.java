package dev.askdocs.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
  private final SentenceSplitter splitter = new SentenceSplitter();

  private List<String> sentences(String text) {
    return splitter.split(text).stream().map(s -> s.of(text)).toList();
  }

  @Test
  void keeps_a_title_apart_from_the_first_sentence() {
    String text = "A title without a period\n\nThe first sentence. The second one!";
    assertThat(sentences(text))
        .containsExactly("A title without a period", "The first sentence.", "The second one!");
  }

  @Test
  void returns_exact_offsets_into_the_text() {
    String text = "  One.  Two?\n\n  Three ";
    for (Span s : splitter.split(text)) {
      assertThat(text.substring(s.start(), s.end())).isEqualTo(s.of(text)).isNotBlank();
    }
    assertThat(sentences(text)).containsExactly("One.", "Two?", "Three");
  }

  @Test
  void joins_hard_wrapped_lines_of_one_sentence() {
    String text = "This sentence is wrapped,\nacross two lines. Next.";
    assertThat(sentences(text))
        .containsExactly("This sentence is wrapped,\nacross two lines.", "Next.");
  }

  @Test
  void splits_within_a_region_with_whole_text_offsets() {
    String text = "Skip this. Take this. And this.";
    List<Span> spans = splitter.split(text, 11, text.length());
    assertThat(spans).extracting(s -> s.of(text)).containsExactly("Take this.", "And this.");
    assertThat(spans.get(0).start()).isEqualTo(11);
  }
}
