package dev.askdocs.answer;

import dev.askdocs.TestCorpus;
import dev.askdocs.chunk.Chunk;
import dev.askdocs.embed.Embedder;
import dev.askdocs.retrieve.Retrieval;
import dev.askdocs.retrieve.ScoredChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The seed article's paragraphs as retrieved passages, with their real offsets. */
final class SeedPassages {
  static final String DOCUMENT_ID = "5eed5eed5eed5eed";
  static final String TITLE =
      "Taliban urges Pakistan to pursue peace with the TTP amid escalating tensions between the two"
          + " sides";

  private final String text;
  private final List<ScoredChunk> paragraphs = new ArrayList<>();

  SeedPassages() {
    try {
      text = Files.readString(Path.of("corpus", TestCorpus.SEED));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int from = text.indexOf("\n\n") + 2;
    int ordinal = 0;
    while (from < text.length()) {
      int end = text.indexOf("\n\n", from);
      end = end < 0 ? text.strip().length() : end;
      String p = text.substring(from, end);
      if (!p.isBlank()) {
        Chunk c =
            new Chunk(Chunk.idOf(DOCUMENT_ID, ordinal), DOCUMENT_ID, ordinal, p, from, end, null);
        paragraphs.add(new ScoredChunk(c, TITLE, TestCorpus.SEED, 1.0 - ordinal * 0.01, 0, 0));
        ordinal++;
      }
      from = end + 2;
    }
  }

  String text() {
    return text;
  }

  /** The paragraph that contains {@code key}. */
  ScoredChunk containing(String key) {
    return paragraphs.stream()
        .filter(p -> p.chunk().text().contains(key))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no paragraph holds " + key));
  }

  List<ScoredChunk> all() {
    return paragraphs;
  }

  /** A retrieval of the paragraphs holding {@code keys}, in that order. */
  Retrieval retrieval(Embedder embedder, String question, String... keys) {
    List<ScoredChunk> passages = new ArrayList<>();
    for (String k : keys) {
      passages.add(containing(k));
    }
    return new Retrieval(question, embedder.embed(question), passages, Map.of(), 0, 0);
  }
}
