package dev.askdocs.index;

import java.util.List;

/**
 * What a hybrid search read in full, all from one snapshot of the index: a document replaced
 * meanwhile appears in one version only, and the statistics count the same chunks the lists came
 * from.
 *
 * @param chosen the chunks chosen from the {@link HybridCandidates}, in the order of their keys;
 *     each hit's score is the one of the keyword list when the chunk is in it, else its cosine
 * @param stats the chunk frequencies of the query's analysed terms
 */
public record HybridHits(List<ChunkHit> chosen, KeywordStats stats) {
  public HybridHits {
    chosen = List.copyOf(chosen);
  }
}
