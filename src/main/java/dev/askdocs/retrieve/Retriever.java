package dev.askdocs.retrieve;

import dev.askdocs.index.ChunkFilter;

/** Finds the passages most likely to answer a question. Thread-safe. */
public interface Retriever {
  /**
   * Returns at most {@code topK} passages, best first, all passing {@code filter} (applied inside
   * each search, so a filter never leaves fewer passages than match it); an empty list when nothing
   * matches (an empty index, a question of stop words only with an empty vector index).
   */
  Retrieval retrieve(String question, int topK, RetrievalMode mode, ChunkFilter filter);

  /** {@link #retrieve(String, int, RetrievalMode, ChunkFilter)} over every passage. */
  default Retrieval retrieve(String question, int topK, RetrievalMode mode) {
    return retrieve(question, topK, mode, ChunkFilter.NONE);
  }

  default Retrieval retrieve(String question, int topK) {
    return retrieve(question, topK, RetrievalMode.HYBRID);
  }
}
