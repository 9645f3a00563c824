package dev.askdocs.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  /** One token per whitespace-separated word: easy to reason about in tests. */
  private static final ToIntFunction<String> WORDS =
      s -> s.isBlank() ? 0 : s.trim().split("\\s+").length;

  private static String sentence(int i, int words) {
    return IntStream.range(0, words)
            .mapToObj(w -> (w == 0 ? "W" : "w") + i + "x" + w)
            .collect(Collectors.joining(" "))
        + ".";
  }

  @Test
  void packs_sentences_up_to_the_limit_with_one_sentence_overlap() {
    String text =
        IntStream.range(0, 10).mapToObj(i -> sentence(i, 4)).collect(Collectors.joining(" "));
    List<Chunk> chunks = new Chunker(WORDS, 10, 1).split("doc", text, o -> null);
    assertThat(chunks).hasSizeGreaterThan(3);
    for (Chunk c : chunks) {
      assertThat(WORDS.applyAsInt(c.text())).isLessThanOrEqualTo(10);
      assertThat(text.substring(c.start(), c.end())).isEqualTo(c.text());
      assertThat(c.id()).isEqualTo("doc#" + c.ordinal());
    }
    // Consecutive chunks share a sentence.
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(chunks.get(i).start()).isLessThan(chunks.get(i - 1).end());
    }
    assertThat(chunks.get(chunks.size() - 1).end()).isEqualTo(text.length());
  }

  @Test
  void cuts_a_sentence_longer_than_the_window_at_word_boundaries() {
    String text = sentence(0, 25);
    List<Chunk> chunks = new Chunker(WORDS, 10, 1).split("doc", text, o -> null);
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
    chunks.forEach(c -> assertThat(WORDS.applyAsInt(c.text())).isLessThanOrEqualTo(10));
    String covered = chunks.stream().map(Chunk::text).collect(Collectors.joining(" "));
    assertThat(covered).contains("W0x0", "w0x12", "w0x24.");
  }

  @Test
  void cuts_a_giant_word_by_characters() {
    ToIntFunction<String> chars = s -> s.length() / 4;
    String text = "x".repeat(200);
    List<Chunk> chunks = new Chunker(chars, 10, 0).split("doc", text, o -> null);
    chunks.forEach(c -> assertThat(chars.applyAsInt(c.text())).isLessThanOrEqualTo(10));
    assertThat(chunks.stream().mapToInt(c -> c.text().length()).sum()).isEqualTo(200);
  }

  @Test
  void records_the_page_where_each_chunk_starts() {
    String text = "Page one text. " + "Page two text.";
    List<Chunk> chunks = new Chunker(WORDS, 3, 0).split("doc", text, o -> o < 15 ? 1 : 2);
    assertThat(chunks).extracting(Chunk::page).containsExactly(1, 2);
  }
}
