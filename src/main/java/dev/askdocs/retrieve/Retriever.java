package dev.askdocs.retrieve;

/** Finds the passages most likely to answer a question. Thread-safe. */
public interface Retriever {
  /**
   * Returns at most {@code topK} passages, best first; an empty list when nothing matches (an empty
   * index, a question of stop words only with an empty vector index).
   */
  Retrieval retrieve(String question, int topK, RetrievalMode mode);

  default Retrieval retrieve(String question, int topK) {
    return retrieve(question, topK, RetrievalMode.HYBRID);
  }
}
