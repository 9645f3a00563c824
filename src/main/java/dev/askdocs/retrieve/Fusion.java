package dev.askdocs.retrieve;

import dev.askdocs.config.FusionChoice;
import dev.askdocs.index.HybridCandidates.Candidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the BM25 and vector lists become one ranking.
 *
 * <ul>
 *   <li>{@link #rrf(int)}: Reciprocal Rank Fusion, {@code sum 1 / (k + rank)}; needs no score
 *       calibration, but treats a BM25 first place that dense search ranks 40th as a middling
 *       result.
 *   <li>{@link #convex(double)}: {@code alpha * bm25 / maxBm25 + (1 - alpha) * max(0, cosine)}:
 *       both scores on [0, 1] by their theoretical minimum of 0 (Bruch et al., "An Analysis of
 *       Fusion Functions for Hybrid Retrieval", 2023), not by the list's own minimum, which would
 *       blow a 0.01 cosine difference up to the whole range. A passage missing from a list counts 0
 *       there. It keeps how far ahead a result is, and has one weight to choose on training data.
 * </ul>
 */
public record Fusion(Kind kind, double parameter) {
  public enum Kind {
    RRF,
    CONVEX
  }

  public static Fusion rrf(int k) {
    return new Fusion(Kind.RRF, k);
  }

  /** {@code alpha} is the weight of BM25, in [0, 1]. */
  public static Fusion convex(double alpha) {
    if (alpha < 0 || alpha > 1) {
      throw new IllegalArgumentException("alpha must be in [0, 1]");
    }
    return new Fusion(Kind.CONVEX, alpha);
  }

  /** Parses {@code rrf:60} or {@code convex:0.5} by the rules of {@link FusionChoice}. */
  public static Fusion parse(String s) {
    FusionChoice c = FusionChoice.parse(s);
    return c.rrf() ? rrf((int) c.parameter()) : convex(c.parameter());
  }

  @Override
  public String toString() {
    return kind == Kind.RRF ? "rrf:" + (int) parameter : "convex:" + parameter;
  }

  /**
   * One chunk's place in the fused ranking.
   *
   * @param key the candidate's key
   * @param keywordRank 1-based rank in the BM25 list, or 0 when absent
   * @param vectorRank 1-based rank in the vector list, or 0 when absent
   */
  record Fused(int key, double score, int keywordRank, int vectorRank) {}

  /** Fuses the two lists (best first) and keeps the best {@code topK}, best first. */
  List<Fused> fuse(List<Candidate> keyword, List<Candidate> dense, int topK) {
    Map<Integer, Entry> byKey = new LinkedHashMap<>();
    double maxKeyword = max(keyword);
    for (int i = 0; i < keyword.size(); i++) {
      Candidate c = keyword.get(i);
      Entry e = byKey.computeIfAbsent(c.key(), Entry::new);
      e.keywordRank = i + 1;
      e.keywordScore = maxKeyword > 0 ? c.score() / maxKeyword : 0;
    }
    for (int i = 0; i < dense.size(); i++) {
      Candidate c = dense.get(i);
      Entry e = byKey.computeIfAbsent(c.key(), Entry::new);
      e.vectorRank = i + 1;
      e.vectorScore = Math.max(0, c.score());
    }
    List<Fused> out = new ArrayList<>(byKey.size());
    for (Entry e : byKey.values()) {
      out.add(
          new Fused(
              e.key, score(e, keyword.isEmpty(), dense.isEmpty()), e.keywordRank, e.vectorRank));
    }
    out.sort(Comparator.comparingDouble(Fused::score).reversed());
    return out.size() > topK ? List.copyOf(out.subList(0, topK)) : out;
  }

  private double score(Entry e, boolean noKeyword, boolean noDense) {
    if (kind == Kind.RRF) {
      double s = 0;
      s += e.keywordRank > 0 ? 1.0 / (parameter + e.keywordRank) : 0;
      s += e.vectorRank > 0 ? 1.0 / (parameter + e.vectorRank) : 0;
      return s;
    }
    // One list alone (a single-mode retrieval) ranks by that list.
    if (noDense) {
      return e.keywordScore;
    }
    if (noKeyword) {
      return e.vectorScore;
    }
    return parameter * e.keywordScore + (1 - parameter) * e.vectorScore;
  }

  /** The largest score of a list, or 0 for an empty one. */
  private static double max(List<Candidate> candidates) {
    double max = 0;
    for (Candidate c : candidates) {
      max = Math.max(max, c.score());
    }
    return max;
  }

  private static final class Entry {
    final int key;
    int keywordRank;
    int vectorRank;
    double keywordScore;
    double vectorScore;

    Entry(int key) {
      this.key = key;
    }
  }
}
