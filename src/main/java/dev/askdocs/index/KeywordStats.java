package dev.askdocs.index;

import java.util.Map;

/**
 * How common the terms of a text are in the index, for weighting them by rarity.
 *
 * @param chunks chunks in the index
 * @param documentFrequency per analysed term of the text (lower case, stemmed), the number of
 *     chunks that contain it; terms absent from the index map to 0
 */
public record KeywordStats(int chunks, Map<String, Integer> documentFrequency) {
  public KeywordStats {
    documentFrequency = Map.copyOf(documentFrequency);
  }

  /** BM25's inverse document frequency of an analysed term; unknown terms are the rarest. */
  public double idf(String term) {
    int df = documentFrequency.getOrDefault(term, 0);
    return Math.log(1 + (chunks - df + 0.5) / (df + 0.5));
  }
}
