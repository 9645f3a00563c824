package dev.askdocs.index;

import dev.askdocs.chunk.Chunk;

/**
 * One result of a keyword or vector search.
 *
 * @param score BM25 score for keyword search; cosine similarity for vector search
 * @param url the web page the chunk's document is a copy of, or null
 */
public record ChunkHit(Chunk chunk, String title, String source, double score, String url) {

  /** A hit in a document that is not a copy of a web page. */
  public ChunkHit(Chunk chunk, String title, String source, double score) {
    this(chunk, title, source, score, null);
  }

  /** The cosine behind a COSINE vector score: Lucene and Solr score it as (1 + cos) / 2. */
  public static double cosine(double vectorScore) {
    return 2.0 * vectorScore - 1.0;
  }
}
