package dev.askdocs.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.load.LoadedDocument;
import dev.askdocs.load.Section;
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

  @Test
  void never_lets_a_chunk_cross_a_slide_and_takes_no_overlap_from_the_previous_slide() {
    // Three slides; titles without a full stop, so the splitter alone would glue them on.
    String slide1 = "Slide one title\n" + sentence(1, 3) + " " + sentence(2, 3);
    String slide2 = "Slide two title\n" + sentence(3, 3);
    String slide3 = "Slide three title " + sentence(4, 3) + " " + sentence(5, 3);
    String text = slide1 + "\n" + slide2 + "\n" + slide3;
    int s2 = slide1.length() + 1;
    int s3 = s2 + slide2.length() + 1;
    LoadedDocument doc =
        new LoadedDocument(
            "deck",
            text,
            List.of(),
            List.of(
                Section.of(0, "slide 1", true),
                Section.of(s2, "slide 2", true),
                Section.of(s3, "slide 3", true)));
    List<Chunk> chunks = new Chunker(WORDS, 40, 1).split("doc", doc, 0);

    assertThat(chunks).extracting(Chunk::location).containsExactly("slide 1", "slide 2", "slide 3");
    for (Chunk c : chunks) {
      for (int boundary : List.of(s2, s3)) {
        assertThat(c.start() >= boundary || c.end() <= boundary)
            .as("chunk %s [%d, %d) against boundary %d", c.text(), c.start(), c.end(), boundary)
            .isTrue();
      }
    }
    assertThat(chunks.get(1).start()).isEqualTo(s2);
    assertThat(chunks.get(2).text()).startsWith("Slide three title");
  }

  @Test
  void gives_each_chunk_of_a_sheet_the_rows_it_covers() {
    StringBuilder text = new StringBuilder();
    List<Section> sections = new java.util.ArrayList<>();
    for (int row = 1; row <= 6; row++) {
      sections.add(new Section(text.length(), "Sheet Revenue", row, row == 1));
      text.append("Region: R").append(row).append(" | Q1: ").append(row * 10).append("\n");
    }
    LoadedDocument doc = new LoadedDocument("sheet", text.toString().strip(), List.of(), sections);
    // Each row line is 5 words: two rows per chunk at most, one row of overlap.
    List<Chunk> chunks = new Chunker(WORDS, 10, 1).split("doc", doc, 0);

    assertThat(chunks)
        .extracting(Chunk::location)
        .containsExactly(
            "Sheet Revenue, rows 1-2",
            "Sheet Revenue, rows 2-3",
            "Sheet Revenue, rows 3-4",
            "Sheet Revenue, rows 4-5",
            "Sheet Revenue, rows 5-6");
  }

  @Test
  void gives_pdf_chunks_their_page_as_location() {
    String text = sentence(1, 4) + "\n\n" + sentence(2, 4);
    LoadedDocument doc = new LoadedDocument("pdf", text, List.of(0, text.indexOf("W2")));
    List<Chunk> chunks = new Chunker(WORDS, 5, 0).split("doc", doc, 0);
    assertThat(chunks).extracting(Chunk::location).containsExactly("p. 1", "p. 2");
    assertThat(chunks).extracting(Chunk::page).containsExactly(1, 2);
  }
}
