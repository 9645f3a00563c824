package dev.askdocs.eval;

import dev.askdocs.ingest.IngestReport;
import dev.askdocs.retrieve.RetrievalMode;
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
              score(data, queryIds, q -> Rankings.documents(app.retriever(), corpus, q, m, 100)));
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
    double ndcg = 0;
    double r10 = 0;
    double r100 = 0;
    double mrr = 0;
    long t0 = System.nanoTime();
    for (String q : queryIds) {
      List<String> ranked = ranker.rank(data.queries().get(q));
      Map<String, Integer> rel = data.qrels().get(q);
      ndcg += Metrics.ndcg(ranked, rel, 10);
      r10 += Metrics.recall(ranked, rel, 10);
      r100 += Metrics.recall(ranked, rel, 100);
      mrr += Metrics.mrr(ranked, rel, 10);
    }
    int n = queryIds.size();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ndcg@10", round(ndcg / n));
    m.put("recall@10", round(r10 / n));
    m.put("recall@100", round(r100 / n));
    m.put("mrr@10", round(mrr / n));
    m.put("msPerQuery", round((System.nanoTime() - t0) / 1e6 / n));
    return m;
  }

  static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
