package dev.askdocs.ingest;

import dev.askdocs.chunk.Chunk;
import dev.askdocs.chunk.SentenceSplitter;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.LuceneVectorCache;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sentences of chunks, split exactly as the extractive answerer splits a retrieved chunk, so
 * that their vectors, computed at ingest, are the ones it will look up.
 */
final class ChunkSentences {
  private static final SentenceSplitter SPLITTER = new SentenceSplitter();

  private ChunkSentences() {}

  /** Distinct sentences of {@code chunks}, in order. */
  static Set<String> of(Iterable<Chunk> chunks) {
    Set<String> out = new LinkedHashSet<>();
    for (Chunk c : chunks) {
      SPLITTER.split(c.text()).forEach(s -> out.add(s.of(c.text())));
    }
    return out;
  }

  /** Embeds the sentences of {@code chunks} that {@code cache} lacks and adds them to it. */
  static void embedMissing(Iterable<Chunk> chunks, Embedder embedder, LuceneVectorCache cache) {
    List<String> missing = cache.missing(of(chunks));
    if (!missing.isEmpty()) {
      cache.addAll(missing, embedder.embedAll(missing));
    }
  }
}
