package dev.askdocs.config;

import java.util.Locale;

/**
 * A fusion setting, parsed and checked in this one place: {@code rrf[:k]} (Reciprocal Rank Fusion,
 * k from 1 to 9999, default 60) or {@code convex[:alpha]} (the BM25 weight, 0 to 1, default 0.5).
 * {@code retrieve.Fusion} is built from it.
 *
 * @param rrf true for Reciprocal Rank Fusion, false for the convex combination
 * @param parameter k for RRF, alpha for convex
 */
public record FusionChoice(boolean rrf, double parameter) {
  private static final String RULE = "must be rrf, rrf:<k>, convex or convex:<alpha in [0,1]>";

  /**
   * Parses {@code spec}.
   *
   * @throws IllegalArgumentException saying what a fusion looks like
   */
  public static FusionChoice parse(String spec) {
    if (spec == null) {
      throw new IllegalArgumentException(RULE);
    }
    String[] p = spec.strip().toLowerCase(Locale.ROOT).split(":", -1);
    if (p.length > 2) {
      throw new IllegalArgumentException(RULE);
    }
    try {
      return switch (p[0]) {
        case "rrf" -> {
          int k = p.length > 1 ? Integer.parseInt(p[1]) : 60;
          if (k < 1 || k > 9999) {
            throw new IllegalArgumentException(RULE);
          }
          yield new FusionChoice(true, k);
        }
        case "convex" -> {
          double alpha = p.length > 1 ? Double.parseDouble(p[1]) : 0.5;
          if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException(RULE);
          }
          yield new FusionChoice(false, alpha);
        }
        default -> throw new IllegalArgumentException(RULE);
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(RULE, e);
    }
  }
}
