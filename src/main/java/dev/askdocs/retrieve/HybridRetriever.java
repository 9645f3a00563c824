package dev.askdocs.retrieve;

import dev.askdocs.embed.Embedder;
import dev.askdocs.index.ChunkHit;
import dev.askdocs.index.ChunkIndex;
import dev.askdocs.index.KeywordStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BM25 and vector search, each taking the top {@code candidates}, fused by Reciprocal Rank Fusion:
 * a passage scores {@code sum 1 / (k + rank)} over the lists it appears in. RRF needs no score
 * calibration between the two lists, which is why it is the starting point.
 */
public final class HybridRetriever implements Retriever {
  private final ChunkIndex index;
  private final Embedder embedder;
  private final int candidates;
  private final int rrfK;

  public HybridRetriever(ChunkIndex index, Embedder embedder, int candidates, int rrfK) {
    this.index = index;
    this.embedder = embedder;
    this.candidates = candidates;
    this.rrfK = rrfK;
  }

  @Override
  public Retrieval retrieve(String question, int topK, RetrievalMode mode) {
    long t0 = System.nanoTime();
    float[] vector = embedder.embed(question);
    long t1 = System.nanoTime();
    int n = Math.max(candidates, topK);
    List<ChunkHit> keyword =
        mode == RetrievalMode.DENSE ? List.of() : index.keywordSearch(question, n);
    List<ChunkHit> dense = mode == RetrievalMode.BM25 ? List.of() : index.vectorSearch(vector, n);
    List<ScoredChunk> fused = fuse(keyword, dense, topK);
    KeywordStats stats = index.keywordStats(question);
    Map<String, Double> rarity = new HashMap<>();
    stats.documentFrequency().keySet().forEach(t -> rarity.put(t, stats.idf(t)));
    long t2 = System.nanoTime();
    return new Retrieval(question, vector, fused, rarity, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
  }

  private List<ScoredChunk> fuse(List<ChunkHit> keyword, List<ChunkHit> dense, int topK) {
    Map<String, Fused> byId = new LinkedHashMap<>();
    for (int i = 0; i < keyword.size(); i++) {
      byId.computeIfAbsent(keyword.get(i).chunk().id(), id -> new Fused())
          .add(keyword.get(i), i + 1, true, rrfK);
    }
    for (int i = 0; i < dense.size(); i++) {
      byId.computeIfAbsent(dense.get(i).chunk().id(), id -> new Fused())
          .add(dense.get(i), i + 1, false, rrfK);
    }
    List<ScoredChunk> out = new ArrayList<>();
    for (Fused f : byId.values()) {
      out.add(
          new ScoredChunk(
              f.hit.chunk(), f.hit.title(), f.hit.source(), f.score, f.keywordRank, f.vectorRank));
    }
    out.sort(Comparator.comparingDouble(ScoredChunk::score).reversed());
    return out.size() > topK ? List.copyOf(out.subList(0, topK)) : out;
  }

  private static final class Fused {
    ChunkHit hit;
    double score;
    int keywordRank;
    int vectorRank;

    void add(ChunkHit h, int rank, boolean keyword, int k) {
      hit = h;
      score += 1.0 / (k + rank);
      if (keyword) {
        keywordRank = rank;
      } else {
        vectorRank = rank;
      }
    }
  }
}
