package dev.askdocs.index;

import java.util.List;

/**
 * The keyword and vector hits of one question, both taken from the same snapshot of the index: a
 * document replaced meanwhile appears in one version in both lists, never in two.
 *
 * @param keyword BM25 hits, best first
 * @param vector nearest chunks by cosine similarity, best first
 */
public record HybridHits(List<ChunkHit> keyword, List<ChunkHit> vector) {
  public HybridHits {
    keyword = List.copyOf(keyword);
    vector = List.copyOf(vector);
  }
}
