package dev.askdocs.index.lucene;

import dev.askdocs.index.ChunkFilter;
import dev.askdocs.index.ChunkHit;
import dev.askdocs.index.HybridCandidates;
import dev.askdocs.index.HybridCandidates.Candidate;
import dev.askdocs.index.HybridHits;
import dev.askdocs.index.KeywordStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;

/**
 * One question's hybrid search on one searcher. The cost of a search at 100k chunks was mostly not
 * the searching: reading and decompressing the stored fields of every candidate (about 100), and
 * looking each query term up twice (once for BM25, once for its rarity). Here the candidates are
 * plain doc ids until the caller has chosen, and each term's statistics are looked up once and
 * serve both BM25 and the rarity the answerer weighs words by.
 */
final class LuceneHybridSearch {
  /**
   * For measuring only: {@code -Daskdocs.bench.keepCollectionFilter=true} (a bench's {@code
   * --server-jvm-arg}) keeps a collection clause that admits every chunk, as before.
   */
  private static final boolean KEEP_ALL_ADMITTING_COLLECTIONS =
      Boolean.getBoolean("askdocs.bench.keepCollectionFilter");

  private LuceneHybridSearch() {}

  static HybridHits run(
      IndexSearcher searcher,
      KeywordQueries queries,
      int chunks,
      String query,
      int keywordN,
      float[] vector,
      int vectorN,
      int vectorBeam,
      ChunkFilter filter,
      Function<HybridCandidates, List<Integer>> choose)
      throws IOException {
    if (!KEEP_ALL_ADMITTING_COLLECTIONS) {
      filter = LuceneDocuments.withoutAllAdmittingCollections(searcher.getIndexReader(), filter);
    }
    Set<String> terms = queries.terms(query);
    Map<String, TermStates> states = termStates(searcher, terms);
    Map<Integer, Double> scores = new HashMap<>();
    List<Candidate> keyword = List.of();
    Query kq = keywordN > 0 ? queries.parse(terms, states, filter) : null;
    if (kq != null) {
      keyword = candidates(searcher.search(kq, keywordN), false, scores);
    }
    List<Candidate> nearest = List.of();
    if (vectorN > 0) {
      nearest =
          candidates(
              searcher.search(LuceneChunkIndex.vectorQuery(vector, vectorBeam, filter), vectorN),
              true,
              scores);
    }
    List<Integer> chosen = choose.apply(new HybridCandidates(keyword, nearest));
    StoredFields fields = searcher.storedFields();
    Map<Integer, ChunkHit> hits = new LinkedHashMap<>();
    for (int key : chosen) {
      Double score = scores.get(key);
      if (score == null) {
        throw new IllegalArgumentException("no candidate has the key " + key);
      }
      hits.putIfAbsent(key, LuceneDocuments.toHit(fields.document(key), score));
    }
    return new HybridHits(new ArrayList<>(hits.values()), stats(chunks, states));
  }

  /** Each chunk-text term's statistics, looked up once per searcher and term. */
  static Map<String, TermStates> termStates(IndexSearcher searcher, Set<String> terms)
      throws IOException {
    Map<String, TermStates> states = new HashMap<>();
    for (String t : terms) {
      states.put(t, TermStates.build(searcher, new Term(LuceneDocuments.TEXT, t), true));
    }
    return states;
  }

  static KeywordStats stats(int chunks, Map<String, TermStates> states) {
    Map<String, Integer> df = new HashMap<>();
    states.forEach((t, s) -> df.put(t, s.docFreq()));
    return new KeywordStats(chunks, df);
  }

  /**
   * The hits as candidates keyed by doc id; {@code scores} keeps the first score seen per doc (the
   * keyword list is read first).
   */
  private static List<Candidate> candidates(
      TopDocs top, boolean cosineScores, Map<Integer, Double> scores) {
    List<Candidate> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc sd : top.scoreDocs) {
      double score = cosineScores ? ChunkHit.cosine(sd.score) : sd.score;
      out.add(new Candidate(sd.doc, score));
      scores.putIfAbsent(sd.doc, score);
    }
    return out;
  }
}
