package dev.askdocs.index;

import java.util.List;
import java.util.function.Function;

/**
 * The searching role of a {@link ChunkIndex}: what retrieval needs. Thread-safe; searches run while
 * the writer upserts and deletes, and see what was last committed.
 */
public interface ChunkSearcher {
  /**
   * BM25 over chunk text and document title, best first; at most {@code n} hits, all passing {@code
   * filter}.
   */
  List<ChunkHit> keywordSearch(String query, int n, ChunkFilter filter);

  /**
   * Nearest chunks by cosine similarity (approximate, HNSW), best first; at most {@code n}, all
   * passing {@code filter}.
   */
  List<ChunkHit> vectorSearch(float[] vector, int n, ChunkFilter filter);

  /**
   * {@link #keywordSearch} and {@link #vectorSearch} on one snapshot of the index, so that the two
   * lists never show two versions of a document replaced in between. A count of zero skips that
   * search. Both lists go to {@code choose} as candidates, and only the chunks it returns the keys
   * of are read in full: a question's retrieval reads the few chunks it keeps, not every candidate.
   * The query's {@link #keywordStats} come from the same snapshot.
   *
   * @param choose called once, on the calling thread; returns keys of the candidates, in the order
   *     wanted, without repeats
   */
  HybridHits hybridSearch(
      String query,
      int keywordN,
      float[] vector,
      int vectorN,
      ChunkFilter filter,
      Function<HybridCandidates, List<Integer>> choose);

  /** {@link #keywordSearch(String, int, ChunkFilter)} over every chunk. */
  default List<ChunkHit> keywordSearch(String query, int n) {
    return keywordSearch(query, n, ChunkFilter.NONE);
  }

  /** {@link #vectorSearch(float[], int, ChunkFilter)} over every chunk. */
  default List<ChunkHit> vectorSearch(float[] vector, int n) {
    return vectorSearch(vector, n, ChunkFilter.NONE);
  }

  /** Chunk frequencies of the analysed terms of {@code text}, as BM25 sees them. */
  KeywordStats keywordStats(String text);
}
