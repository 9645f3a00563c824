package dev.askdocs.index;

import java.util.List;

/**
 * The two ranked lists of a hybrid search before any chunk is read: each entry names a chunk by a
 * key that is unique within this one search and means nothing outside it.
 *
 * @param keyword BM25 candidates, best first
 * @param vector nearest candidates by cosine similarity, best first
 */
public record HybridCandidates(List<Candidate> keyword, List<Candidate> vector) {
  public HybridCandidates {
    keyword = List.copyOf(keyword);
    vector = List.copyOf(vector);
  }

  /**
   * @param key names the chunk within one search; the same chunk has the same key in both lists
   * @param score BM25 score in the keyword list; cosine similarity in the vector list
   */
  public record Candidate(int key, double score) {}
}
