package dev.askdocs.retrieve;

import dev.askdocs.index.ChunkHit;
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

  /** Parses {@code rrf:60} or {@code convex:0.5}. */
  public static Fusion parse(String s) {
    String[] p = s.trim().toLowerCase(java.util.Locale.ROOT).split(":");
    return switch (p[0]) {
      case "rrf" -> rrf(p.length > 1 ? Integer.parseInt(p[1]) : 60);
      case "convex" -> convex(p.length > 1 ? Double.parseDouble(p[1]) : 0.5);
      default -> throw new IllegalArgumentException("fusion must be rrf[:k] or convex[:alpha]");
    };
  }

  @Override
  public String toString() {
    return kind == Kind.RRF ? "rrf:" + (int) parameter : "convex:" + parameter;
  }

  /** Fuses the two lists (best first) and keeps the best {@code topK}. */
  List<ScoredChunk> fuse(List<ChunkHit> keyword, List<ChunkHit> dense, int topK) {
    Map<String, Entry> byId = new LinkedHashMap<>();
    double maxKeyword = max(keyword);
    for (int i = 0; i < keyword.size(); i++) {
      ChunkHit h = keyword.get(i);
      Entry e = byId.computeIfAbsent(h.chunk().id(), id -> new Entry(h));
      e.keywordRank = i + 1;
      e.keywordScore = maxKeyword > 0 ? h.score() / maxKeyword : 0;
    }
    for (int i = 0; i < dense.size(); i++) {
      ChunkHit h = dense.get(i);
      Entry e = byId.computeIfAbsent(h.chunk().id(), id -> new Entry(h));
      e.vectorRank = i + 1;
      e.vectorScore = Math.max(0, h.score());
    }
    List<ScoredChunk> out = new ArrayList<>(byId.size());
    for (Entry e : byId.values()) {
      out.add(
          new ScoredChunk(
              e.hit.chunk(),
              e.hit.title(),
              e.hit.source(),
              score(e, keyword.isEmpty(), dense.isEmpty()),
              e.keywordRank,
              e.vectorRank));
    }
    out.sort(Comparator.comparingDouble(ScoredChunk::score).reversed());
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
  private static double max(List<ChunkHit> hits) {
    double max = 0;
    for (ChunkHit h : hits) {
      max = Math.max(max, h.score());
    }
    return max;
  }

  private static final class Entry {
    final ChunkHit hit;
    int keywordRank;
    int vectorRank;
    double keywordScore;
    double vectorScore;

    Entry(ChunkHit hit) {
      this.hit = hit;
    }
  }
}
