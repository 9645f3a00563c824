package dev.askdocs.retrieve;

import dev.askdocs.embed.Embedder;
import dev.askdocs.index.ChunkFilter;
import dev.askdocs.index.ChunkHit;
import dev.askdocs.index.ChunkSearcher;
import dev.askdocs.index.HybridHits;
import dev.askdocs.index.KeywordStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BM25 and vector search, each taking the top {@code candidates}, fused into one ranking by a
 * {@link Fusion}. A single-mode retrieval (BM25 or dense only) ranks by that list alone.
 *
 * <p>The question is embedded first, on the calling thread. Running BM25 meanwhile on another
 * thread was measured and lost: a lone question's embedding already runs on every core.
 */
public final class HybridRetriever implements Retriever {
  private final ChunkSearcher index;
  private final Embedder embedder;
  private final int candidates;
  private final Fusion fusion;

  public HybridRetriever(ChunkSearcher index, Embedder embedder, int candidates, Fusion fusion) {
    this.index = index;
    this.embedder = embedder;
    this.candidates = candidates;
    this.fusion = fusion;
  }

  @Override
  public Retrieval retrieve(String question, int topK, RetrievalMode mode, ChunkFilter filter) {
    long t0 = System.nanoTime();
    float[] vector = embedder.embed(question);
    long t1 = System.nanoTime();
    int n = Math.max(candidates, topK);
    // One snapshot for both lists: a document re-ingested meanwhile shows in one version only.
    // The index reads in full only the chunks the fusion keeps.
    List<Fusion.Fused> fused = new ArrayList<>();
    HybridHits hits =
        index.hybridSearch(
            question,
            mode == RetrievalMode.DENSE ? 0 : n,
            vector,
            mode == RetrievalMode.BM25 ? 0 : n,
            filter,
            candidates -> {
              fused.addAll(fusion.fuse(candidates.keyword(), candidates.vector(), topK));
              return fused.stream().map(Fusion.Fused::key).toList();
            });
    List<ScoredChunk> passages = new ArrayList<>(fused.size());
    for (int i = 0; i < fused.size(); i++) {
      Fusion.Fused f = fused.get(i);
      ChunkHit h = hits.chosen().get(i);
      passages.add(
          new ScoredChunk(
              h.chunk(),
              h.title(),
              h.source(),
              f.score(),
              f.keywordRank(),
              f.vectorRank(),
              h.url()));
    }
    KeywordStats stats = hits.stats();
    Map<String, Double> rarity = new HashMap<>();
    stats.documentFrequency().keySet().forEach(t -> rarity.put(t, stats.idf(t)));
    long t2 = System.nanoTime();
    return new Retrieval(question, vector, passages, rarity, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
  }
}
