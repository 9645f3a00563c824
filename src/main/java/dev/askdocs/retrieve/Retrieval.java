package dev.askdocs.retrieve;

import java.util.List;
import java.util.Map;

/**
 * What a retrieval found for one question.
 *
 * @param queryVector the question's embedding, reused by the answerer
 * @param passages best first
 * @param termRarity inverse document frequency of the question's analysed terms in the index
 */
public record Retrieval(
    String question,
    float[] queryVector,
    List<ScoredChunk> passages,
    Map<String, Double> termRarity,
    double embedMs,
    double searchMs) {

  public Retrieval {
    passages = List.copyOf(passages);
    termRarity = Map.copyOf(termRarity);
  }
}
