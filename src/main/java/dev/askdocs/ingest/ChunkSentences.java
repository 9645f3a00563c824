package dev.askdocs.ingest;

import dev.askdocs.chunk.Chunk;
import dev.askdocs.chunk.SentenceSplitter;
import dev.askdocs.chunk.Span;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.LuceneVectorCache;
import dev.askdocs.embed.SpanVectors;
import java.util.ArrayList;
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

  /**
   * Embeds the chunks and puts the vectors of their sentences that {@code cache} lacks into it.
   *
   * @param texts what the model sees of each chunk (its text, possibly after the title)
   * @param pooled take each sentence's vector from its chunk's model run ({@link
   *     Embedder#embedAllWithSpans}) rather than a run of its own; a sentence the chunk's run did
   *     not see whole is embedded alone either way
   * @return the chunks' vectors, in order
   */
  static List<float[]> embed(
      List<Chunk> chunks,
      List<String> texts,
      Embedder embedder,
      LuceneVectorCache cache,
      boolean pooled) {
    if (cache == null) {
      return embedder.embedAll(texts);
    }
    if (!pooled) {
      List<float[]> vectors = embedder.embedAll(texts);
      embedMissing(chunks, embedder, cache);
      return vectors;
    }
    Set<String> missing = new LinkedHashSet<>(cache.missing(of(chunks)));
    List<List<Span>> spans = new ArrayList<>(chunks.size());
    List<String> sentences = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      String chunk = chunks.get(i).text();
      String text = texts.get(i);
      List<Span> own = new ArrayList<>();
      // The chunk's text ends what the model sees; anything before it is the title.
      int shift = text.length() - chunk.length();
      if (text.endsWith(chunk)) {
        for (Span s : SPLITTER.split(chunk)) {
          String sentence = s.of(chunk);
          // Each sentence once: the first chunk that holds it pools it.
          if (missing.remove(sentence)) {
            own.add(new Span(s.start() + shift, s.end() + shift));
            sentences.add(sentence);
          }
        }
      }
      spans.add(own);
    }
    List<SpanVectors> runs = embedder.embedAllWithSpans(texts, spans);
    List<float[]> vectors = new ArrayList<>(chunks.size());
    List<String> pooledTexts = new ArrayList<>();
    List<float[]> pooledVectors = new ArrayList<>();
    List<String> alone = new ArrayList<>(missing); // sentences no chunk's text ends with
    int next = 0;
    for (SpanVectors run : runs) {
      vectors.add(run.vector());
      for (float[] v : run.spans()) {
        String sentence = sentences.get(next++);
        if (v == null) {
          alone.add(sentence);
        } else {
          pooledTexts.add(sentence);
          pooledVectors.add(v);
        }
      }
    }
    cache.addAll(pooledTexts, pooledVectors);
    if (!alone.isEmpty()) {
      cache.addAll(alone, embedder.embedAll(alone));
    }
    return vectors;
  }

  /** Embeds the sentences of {@code chunks} that {@code cache} lacks and adds them to it. */
  static void embedMissing(Iterable<Chunk> chunks, Embedder embedder, LuceneVectorCache cache) {
    List<String> missing = cache.missing(of(chunks));
    if (!missing.isEmpty()) {
      cache.addAll(missing, embedder.embedAll(missing));
    }
  }
}
