package dev.askdocs.retrieve;

import dev.askdocs.chunk.Chunk;

/**
 * A retrieved passage.
 *
 * @param score the fused score (higher is better); comparable only within one retrieval
 * @param keywordRank 1-based rank in the BM25 list, or 0 when BM25 did not return it
 * @param vectorRank 1-based rank in the vector list, or 0 when vector search did not return it
 * @param url the web page the passage's document is a copy of, or null
 */
public record ScoredChunk(
    Chunk chunk,
    String title,
    String source,
    double score,
    int keywordRank,
    int vectorRank,
    String url) {

  /** A passage of a document that is not a copy of a web page. */
  public ScoredChunk(
      Chunk chunk, String title, String source, double score, int keywordRank, int vectorRank) {
    this(chunk, title, source, score, keywordRank, vectorRank, null);
  }
}
