package dev.askdocs.retrieve;

import java.util.Locale;

/** Which lists a retrieval uses: keywords only, vectors only, or both fused (the default). */
public enum RetrievalMode {
  BM25,
  DENSE,
  HYBRID;

  /** Parses {@code bm25}, {@code dense} or {@code hybrid}, any case. */
  public static RetrievalMode parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}
