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
import java.util.Set;

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
  private final int feedbackTerms;

  /** Keyword hits whose terms may expand the keyword query (pseudo-relevance feedback). */
  static final int FEEDBACK_CHUNKS = 3;

  public HybridRetriever(ChunkSearcher index, Embedder embedder, int candidates, Fusion fusion) {
    this(index, embedder, candidates, fusion, 0);
  }

  /**
   * @param feedbackTerms with more than 0, the keyword side searches the question plus at most this
   *     many terms of its best {@value #FEEDBACK_CHUNKS} keyword hits (pseudo-relevance feedback:
   *     terms in at least two of them, weighted by the hit's score and their rarity); the vector
   *     side keeps the question alone
   */
  public HybridRetriever(
      ChunkSearcher index, Embedder embedder, int candidates, Fusion fusion, int feedbackTerms) {
    this.index = index;
    this.embedder = embedder;
    this.candidates = candidates;
    this.fusion = fusion;
    this.feedbackTerms = feedbackTerms;
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
    String keywordQuery =
        feedbackTerms > 0 && mode != RetrievalMode.DENSE ? expanded(question, filter) : question;
    HybridHits hits =
        index.hybridSearch(
            keywordQuery,
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
    Set<String> asked =
        keywordQuery.equals(question)
            ? stats.documentFrequency().keySet()
            : index.keywordStats(question).documentFrequency().keySet();
    asked.forEach(t -> rarity.put(t, stats.idf(t)));
    long t2 = System.nanoTime();
    return new Retrieval(question, vector, passages, rarity, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
  }

  /** The question plus the feedback terms of its best keyword hits (see the constructor). */
  private String expanded(String question, ChunkFilter filter) {
    List<ChunkHit> top = index.keywordSearch(question, FEEDBACK_CHUNKS, filter);
    if (top.size() < 2 || top.get(0).score() <= 0) {
      return question;
    }
    Set<String> asked = index.keywordStats(question).documentFrequency().keySet();
    Map<String, Double> weight = new HashMap<>();
    Map<String, Integer> hitsWith = new HashMap<>();
    for (ChunkHit h : top) {
      KeywordStats s = index.keywordStats(h.chunk().text());
      for (String t : s.documentFrequency().keySet()) {
        if (!asked.contains(t) && s.documentFrequency().get(t) > 1) {
          weight.merge(t, h.score() / top.get(0).score() * s.idf(t), Double::sum);
          hitsWith.merge(t, 1, Integer::sum);
        }
      }
    }
    List<String> terms =
        weight.entrySet().stream()
            .filter(e -> hitsWith.get(e.getKey()) >= 2)
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .limit(feedbackTerms)
            .map(Map.Entry::getKey)
            .toList();
    return terms.isEmpty() ? question : question + " " + String.join(" ", terms);
  }
}
