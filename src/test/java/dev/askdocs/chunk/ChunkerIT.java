package dev.askdocs.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.askdocs.config.EmbeddingModelName;
import dev.askdocs.embed.MiniLmEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chunks measured with the embedding model's own tokenizer. */
class ChunkerIT {
  static MiniLmEmbedder embedder;
  static Chunker chunker;

  @BeforeAll
  static void load() {
    embedder = MiniLmEmbedder.load(EmbeddingModelName.ALL_MINILM_L6_V2);
    chunker = new Chunker(embedder::countTokens, embedder.maxTokens(), 1);
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  private static void assertFitsTheModelWindow(List<Chunk> chunks, String text) {
    assertThat(chunks).isNotEmpty();
    for (Chunk c : chunks) {
      // 128 word pieces in the model's window, two of them [CLS] and [SEP].
      assertThat(embedder.countTokens(c.text())).isLessThanOrEqualTo(126);
      assertThat(text.substring(c.start(), c.end())).isEqualTo(c.text());
    }
  }

  @Test
  void no_chunk_of_the_seed_article_exceeds_the_model_window() throws Exception {
    String text =
        Files.readString(
            Path.of("corpus", "taliban-urges-pakistan-to-pursue-peace-with-the-ttp.txt"));
    List<Chunk> chunks = chunker.split("seed", text, o -> null);
    assertFitsTheModelWindow(chunks, text);
    assertThat(chunks.size()).isGreaterThan(1);
    assertThat(chunks.get(0).text()).startsWith("Taliban urges Pakistan");
  }

  @Test
  void long_sentences_and_unbroken_strings_are_cut_to_fit() {
    String longSentence =
        IntStream.range(0, 400).mapToObj(i -> "word" + i).collect(Collectors.joining(" ")) + ".";
    String blob = "Zm9v".repeat(500);
    String text = "Intro sentence. " + longSentence + " " + blob + " Outro sentence.";
    assertFitsTheModelWindow(chunker.split("long", text, o -> null), text);
  }

  @Test
  void counts_word_pieces_without_special_tokens_or_truncation() {
    assertThat(embedder.countTokens("hello")).isEqualTo(1);
    String many = "hello ".repeat(300);
    assertThat(embedder.countTokens(many)).isEqualTo(300);
  }
}
