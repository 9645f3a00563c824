package dev.askdocs.eval;

import dev.askdocs.retrieve.RetrievalMode;
import dev.askdocs.retrieve.Retriever;
import dev.askdocs.retrieve.ScoredChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns chunk retrieval into a document ranking, by a {@link DocumentScore} of its chunks. */
final class Rankings {
  /** Chunks retrieved to rank documents 100 deep (documents have several chunks). */
  static final int CHUNK_DEPTH = 400;

  private Rankings() {}

  /** A document ranks where its best chunk does. */
  static List<String> documents(
      Retriever retriever, EvalCorpus corpus, String query, RetrievalMode mode, int depth) {
    return documents(chunks(retriever, query, mode), corpus, DocumentScore.MAX, depth);
  }

  /** The chunks retrieved to rank documents, best first. */
  static List<ScoredChunk> chunks(Retriever retriever, String query, RetrievalMode mode) {
    return retriever.retrieve(query, CHUNK_DEPTH, mode).passages();
  }

  /**
   * The documents of {@code chunks} (best first), best first by {@code score}; a tie keeps the
   * order of the documents' best chunks.
   */
  static List<String> documents(
      List<ScoredChunk> chunks, EvalCorpus corpus, DocumentScore score, int depth) {
    Map<String, List<Double>> byDocument = new LinkedHashMap<>();
    for (ScoredChunk c : chunks) {
      byDocument.computeIfAbsent(corpus.idOf(c.source()), d -> new ArrayList<>()).add(c.score());
    }
    List<Map.Entry<String, Double>> scored = new ArrayList<>();
    byDocument.forEach((d, s) -> scored.add(Map.entry(d, score.of(s))));
    scored.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
    return scored.stream().limit(depth).map(Map.Entry::getKey).toList();
  }
}
