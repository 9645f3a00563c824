package dev.askdocs.eval;

import dev.askdocs.retrieve.Retrieval;
import dev.askdocs.retrieve.RetrievalMode;
import dev.askdocs.retrieve.Retriever;
import dev.askdocs.retrieve.ScoredChunk;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns chunk retrieval into a document ranking: a document ranks where its best chunk does. */
final class Rankings {
  /** Chunks retrieved to rank documents 100 deep (documents have several chunks). */
  static final int CHUNK_DEPTH = 400;

  private Rankings() {}

  static List<String> documents(
      Retriever retriever, EvalCorpus corpus, String query, RetrievalMode mode, int depth) {
    Retrieval r = retriever.retrieve(query, CHUNK_DEPTH, mode);
    Set<String> ranked = new LinkedHashSet<>();
    for (ScoredChunk c : r.passages()) {
      ranked.add(corpus.idOf(c.source()));
      if (ranked.size() >= depth) {
        break;
      }
    }
    return new ArrayList<>(ranked);
  }
}
