package dev.askdocs.eval;

import java.util.List;
import java.util.Map;

/** Standard ranking metrics over one query's ranked list of ids. */
final class Metrics {
  private Metrics() {}

  /** nDCG@k with graded relevance and a log2 discount. */
  static double ndcg(List<String> ranked, Map<String, Integer> relevance, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      int rel = relevance.getOrDefault(ranked.get(i), 0);
      dcg += (Math.pow(2, rel) - 1) / log2(i + 2);
    }
    List<Integer> ideal =
        relevance.values().stream().filter(r -> r > 0).sorted((a, b) -> b - a).toList();
    double idcg = 0;
    for (int i = 0; i < Math.min(k, ideal.size()); i++) {
      idcg += (Math.pow(2, ideal.get(i)) - 1) / log2(i + 2);
    }
    return idcg == 0 ? 0 : dcg / idcg;
  }

  /** Share of the relevant ids found in the top k. */
  static double recall(List<String> ranked, Map<String, Integer> relevance, int k) {
    long relevant = relevance.values().stream().filter(r -> r > 0).count();
    if (relevant == 0) {
      return 0;
    }
    long found = ranked.stream().limit(k).filter(id -> relevance.getOrDefault(id, 0) > 0).count();
    return (double) found / relevant;
  }

  /** Reciprocal rank of the first relevant id within the top k, else 0. */
  static double mrr(List<String> ranked, Map<String, Integer> relevance, int k) {
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (relevance.getOrDefault(ranked.get(i), 0) > 0) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  /** Average precision of a fully ranked list of binary labels (1 = relevant). */
  static double averagePrecision(List<Integer> labelsInRankOrder) {
    int relevant = 0;
    double sum = 0;
    for (int i = 0; i < labelsInRankOrder.size(); i++) {
      if (labelsInRankOrder.get(i) > 0) {
        relevant++;
        sum += (double) relevant / (i + 1);
      }
    }
    return relevant == 0 ? 0 : sum / relevant;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
