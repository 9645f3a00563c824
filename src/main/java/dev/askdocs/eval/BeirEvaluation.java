package dev.askdocs.eval;

import dev.askdocs.ingest.IngestReport;
import dev.askdocs.retrieve.RetrievalMode;
import dev.askdocs.retrieve.ScoredChunk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Retrieval quality on a BEIR dataset: nDCG@10, Recall@10, Recall@100 and MRR@10 over the judged
 * queries, per retrieval mode and for the naive LangChain4j peer, all in one run.
 */
final class BeirEvaluation {
  private BeirEvaluation() {}

  static Map<String, Object> run(Path dataset, EvalOptions o, Deployment.Opener deployments)
      throws IOException {
    BeirDataset data = BeirDataset.load(dataset, o.split());
    Random random = new Random(o.seed());
    List<String> queryIds = new ArrayList<>(data.qrels().keySet());
    queryIds.retainAll(data.queries().keySet());
    Collections.sort(queryIds);
    Collections.shuffle(queryIds, random);
    if (o.limit() > 0 && o.limit() < queryIds.size()) {
      queryIds = queryIds.subList(0, o.limit());
    }
    List<BeirDataset.Doc> docs = selectCorpus(data, queryIds, o.corpusLimit(), random);

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("dataset", dataset.toString());
    report.put("split", o.split());
    report.put("queries", queryIds.size());
    report.put("documents", docs.size());

    EvalCorpus corpus = new EvalCorpus(o.workDir().resolve("corpus"));
    for (BeirDataset.Doc d : docs) {
      corpus.add(d.id(), d.title(), d.text());
    }
    Map<String, Object> modes = new LinkedHashMap<>();
    try (Deployment app = deployments.open(o.deployment(corpus.dir(), false))) {
      IngestReport ingest = app.ingest(corpus.dir());
      report.put("chunks", ingest.chunksEmbedded());
      report.put("ingestSeconds", ingest.durationMs() / 1000.0);
      for (String mode : o.modes()) {
        if (!mode.equals("peer")) {
          RetrievalMode m = RetrievalMode.parse(mode);
          modes.put(
              mode,
              scoreChunks(data, queryIds, q -> Rankings.chunks(app.retriever(), q, m), corpus));
        }
      }
    }
    if (o.modes().contains("peer")) {
      long t0 = System.nanoTime();
      try (NaivePeer peer = new NaivePeer()) {
        docs.forEach(d -> peer.add(d.id(), d.title(), d.text()));
        double ingestSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> scores = score(data, queryIds, q -> peer.rank(q, 100));
        scores.put("segments", peer.segments());
        scores.put("ingestSeconds", ingestSeconds);
        modes.put("peer", scores);
      }
    }
    report.put("modes", modes);
    return report;
  }

  private static List<BeirDataset.Doc> selectCorpus(
      BeirDataset data, List<String> queryIds, int limit, Random random) {
    if (limit <= 0 || limit >= data.corpus().size()) {
      return data.corpus();
    }
    Set<String> judged = new HashSet<>();
    queryIds.forEach(q -> judged.addAll(data.qrels().get(q).keySet()));
    List<BeirDataset.Doc> keep = new ArrayList<>();
    List<BeirDataset.Doc> rest = new ArrayList<>();
    for (BeirDataset.Doc d : data.corpus()) {
      (judged.contains(d.id()) ? keep : rest).add(d);
    }
    Collections.shuffle(rest, random);
    keep.addAll(rest.subList(0, Math.max(0, Math.min(rest.size(), limit - keep.size()))));
    return keep;
  }

  interface Ranker {
    List<String> rank(String query);
  }

  private static Map<String, Object> score(BeirDataset data, List<String> queryIds, Ranker ranker) {
    long t0 = System.nanoTime();
    Totals all = new Totals();
    for (String q : queryIds) {
      all.add(ranker.rank(data.queries().get(q)), data.qrels().get(q));
    }
    Map<String, Object> m = all.report();
    m.put("msPerQuery", round((System.nanoTime() - t0) / 1e6 / queryIds.size()));
    return m;
  }

  /**
   * Scores a chunk retrieval: the documents ranked by {@link DocumentScore#MAX}, and, from the same
   * chunks, nDCG@10 by query length (words) and under each of {@link DocumentScore#COMPARED}.
   */
  private static Map<String, Object> scoreChunks(
      BeirDataset data,
      List<String> queryIds,
      Function<String, List<ScoredChunk>> retrieve,
      EvalCorpus corpus) {
    long t0 = System.nanoTime();
    Totals all = new Totals();
    Map<String, Totals> byLength = new TreeMap<>();
    Map<DocumentScore, Totals> byScore = new LinkedHashMap<>();
    for (String q : queryIds) {
      String text = data.queries().get(q);
      List<ScoredChunk> chunks = retrieve.apply(text);
      Map<String, Integer> rel = data.qrels().get(q);
      List<String> ranked = Rankings.documents(chunks, corpus, DocumentScore.MAX, 100);
      all.add(ranked, rel);
      byLength.computeIfAbsent(lengthBucket(text), b -> new Totals()).add(ranked, rel);
      for (DocumentScore s : DocumentScore.COMPARED) {
        byScore
            .computeIfAbsent(s, x -> new Totals())
            .add(Rankings.documents(chunks, corpus, s, 100), rel);
      }
    }
    Map<String, Object> m = all.report();
    m.put("msPerQuery", round((System.nanoTime() - t0) / 1e6 / queryIds.size()));
    Map<String, Object> lengths = new LinkedHashMap<>();
    byLength.forEach((b, t) -> lengths.put(b, t.ndcgReport()));
    m.put("ndcg@10ByQueryWords", lengths);
    Map<String, Object> scores = new LinkedHashMap<>();
    byScore.forEach((s, t) -> scores.put(s.toString(), t.report().get("ndcg@10")));
    m.put("ndcg@10ByDocumentScore", scores);
    return m;
  }

  /** Short, medium and long queries (SciFact train: about 22 %, 43 %, 35 %). */
  static String lengthBucket(String query) {
    int words = query.strip().split("\\s+").length;
    return words <= 8 ? "1: <= 8" : words <= 13 ? "2: 9-13" : "3: >= 14";
  }

  /** Sums of the per-query metrics. */
  private static final class Totals {
    private double ndcg;
    private double r10;
    private double r100;
    private double mrr;
    private int n;

    void add(List<String> ranked, Map<String, Integer> rel) {
      ndcg += Metrics.ndcg(ranked, rel, 10);
      r10 += Metrics.recall(ranked, rel, 10);
      r100 += Metrics.recall(ranked, rel, 100);
      mrr += Metrics.mrr(ranked, rel, 10);
      n++;
    }

    Map<String, Object> report() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ndcg@10", round(ndcg / n));
      m.put("recall@10", round(r10 / n));
      m.put("recall@100", round(r100 / n));
      m.put("mrr@10", round(mrr / n));
      return m;
    }

    Map<String, Object> ndcgReport() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("queries", n);
      m.put("ndcg@10", round(ndcg / n));
      return m;
    }
  }

  static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
