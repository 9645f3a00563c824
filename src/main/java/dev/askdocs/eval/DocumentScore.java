package dev.askdocs.eval;

import java.util.List;

/**
 * How a document's retrieved chunk scores become its score when an evaluation ranks documents (BEIR
 * judges documents, askdocs retrieves chunks). An evaluation choice only: answers use chunks.
 *
 * <ul>
 *   <li>{@code max}: the best chunk's score (a document ranks where its best chunk does);
 *   <li>{@code sum:k}: the sum of its best {@code k} chunks' scores;
 *   <li>{@code decay:d}: {@code s1 + d s2 + d^2 s3 + ...}, best first;
 *   <li>{@code softmax:t}: {@code t log sum exp(s / t)}, between the max (small {@code t}) and the
 *       sum.
 * </ul>
 *
 * @param kind one of {@code max}, {@code sum}, {@code decay}, {@code softmax}
 * @param parameter {@code k}, {@code d} or {@code t}; unused for {@code max}
 */
record DocumentScore(String kind, double parameter) {
  static final DocumentScore MAX = new DocumentScore("max", 0);

  /** The variants every BEIR run reports side by side, from the same retrieval. */
  static final List<DocumentScore> COMPARED =
      List.of(
          MAX,
          new DocumentScore("sum", 2),
          new DocumentScore("sum", 3),
          new DocumentScore("decay", 0.25),
          new DocumentScore("decay", 0.5),
          new DocumentScore("softmax", 0.02),
          new DocumentScore("softmax", 0.05),
          new DocumentScore("softmax", 0.1));

  /** The score of a document whose chunks scored {@code scores}, best first (at least one). */
  double of(List<Double> scores) {
    return switch (kind) {
      case "max" -> scores.get(0);
      case "sum" -> scores.stream().limit((long) parameter).mapToDouble(Double::doubleValue).sum();
      case "decay" -> {
        double s = 0;
        double w = 1;
        for (double x : scores) {
          s += w * x;
          w *= parameter;
        }
        yield s;
      }
      case "softmax" -> {
        double best = scores.get(0);
        double sum = 0;
        for (double x : scores) {
          sum += Math.exp((x - best) / parameter);
        }
        yield best + parameter * Math.log(sum);
      }
      default -> throw new IllegalStateException("unknown document score " + kind);
    };
  }

  @Override
  public String toString() {
    return kind.equals("max") ? kind : kind + ":" + parameter;
  }
}
