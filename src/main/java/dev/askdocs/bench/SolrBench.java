package dev.askdocs.bench;

import dev.askdocs.chunk.Chunker;
import dev.askdocs.embed.CachingEmbedder;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.OnnxMiniLmEmbedder;
import dev.askdocs.index.ChunkIndex;
import dev.askdocs.index.LuceneChunkIndex;
import dev.askdocs.index.SolrChunkIndex;
import dev.askdocs.index.SolrCollections;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.ingest.Ingestor;
import dev.askdocs.load.DocumentLoaders;
import dev.askdocs.retrieve.HybridRetriever;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SolrCloud backend next to the embedded index, in one run: the same abstracts ingested into a
 * fresh Lucene index and into an emptied Solr collection (whole pipeline: load, chunk, embed,
 * index, commit), in alternating rounds; then the same questions retrieved from both (BM25 + HNSW +
 * fusion, query vectors cached so that only search is timed).
 */
final class SolrBench {
  private static final Logger LOG = LoggerFactory.getLogger(SolrBench.class);

  /** The collection the bench creates (2 shards × 2 replicas unless it exists) and empties. */
  static final String COLLECTION = "askdocs-bench";

  private static final int SHARDS = 2;
  private static final int REPLICAS = 2;

  private SolrBench() {}

  static void run(BenchOptions o, BeirCorpus corpus, OnnxMiniLmEmbedder model, Results out) {
    SolrCollections.init(
        o.solrUrls(), COLLECTION, SHARDS, REPLICAS, model.modelName(), model.dimension());
    Path files = corpus.writeFiles(o.workDir().resolve("ingest-corpus"), o.ingestDocuments());
    Path luceneDir = o.workDir().resolve("solr-bench-lucene");
    List<Double> lucene = new ArrayList<>();
    List<Double> solr = new ArrayList<>();
    IngestReport last = null;
    for (int round = 0; round < o.rounds(); round++) {
      boolean solrFirst = round % 2 == 1;
      if (solrFirst) {
        solr.add(rate(ingestSolr(o, files, model)));
      }
      Files2.deleteRecursively(luceneDir);
      try (ChunkIndex index =
          LuceneChunkIndex.open(luceneDir, model.modelName(), model.dimension())) {
        last = ingest(o, files, model, index);
        lucene.add(rate(last));
      }
      if (!solrFirst) {
        solr.add(rate(ingestSolr(o, files, model)));
      }
      LOG.info(
          "bench solr: round {}: lucene {} chunks/s, solr {} chunks/s",
          round + 1,
          String.format("%.1f", lucene.get(round)),
          String.format("%.1f", solr.get(round)));
    }
    out.label("solr.nodes", o.solrUrls().toString());
    out.label("solr.collection", COLLECTION + " (created as " + SHARDS + "x" + REPLICAS + ")");
    out.put("solr.ingest.chunks", last.chunksEmbedded());
    out.put("solr.ingest.luceneChunksPerSec", Stats.median(lucene));
    out.put("solr.ingest.solrChunksPerSec", Stats.median(solr));

    List<String> questions =
        corpus.queries().subList(0, Math.min(o.questions(200, 10), corpus.queries().size()));
    Embedder cached = new CachingEmbedder(model, questions.size() + 16);
    cached.embedAll(questions);
    try (ChunkIndex luceneIndex =
            LuceneChunkIndex.open(luceneDir, model.modelName(), model.dimension());
        ChunkIndex solrIndex =
            SolrChunkIndex.open(o.solrUrls(), COLLECTION, model.modelName(), model.dimension())) {
      // Twice each, alternating, the first pass of each warming caches and connections.
      for (int pass = 0; pass < 2; pass++) {
        List<Double> l = latencies(o, luceneIndex, cached, questions);
        List<Double> s = latencies(o, solrIndex, cached, questions);
        if (pass == 1) {
          out.put("solr.query.luceneMedianMs", Stats.median(l));
          out.put("solr.query.luceneP95Ms", Stats.percentile(l, 95));
          out.put("solr.query.solrMedianMs", Stats.median(s));
          out.put("solr.query.solrP95Ms", Stats.percentile(s, 95));
        }
      }
    }
  }

  private static IngestReport ingestSolr(BenchOptions o, Path files, Embedder model) {
    try (SolrChunkIndex index =
        SolrChunkIndex.open(o.solrUrls(), COLLECTION, model.modelName(), model.dimension())) {
      // Emptied through the contract, so that every round ingests everything anew.
      index.documents().forEach(d -> index.delete(d.id()));
      index.commit();
      return ingest(o, files, model, index);
    }
  }

  private static IngestReport ingest(BenchOptions o, Path files, Embedder model, ChunkIndex index) {
    Chunker chunker = new Chunker(model::countTokens, model.maxTokens(), o.chunkOverlap());
    return new Ingestor(
            DocumentLoaders.standard(),
            chunker,
            model,
            index,
            Clock.systemUTC(),
            o.titleInEmbedding())
        .ingest(files);
  }

  private static double rate(IngestReport r) {
    return r.chunksEmbedded() / (r.durationMs() / 1000.0);
  }

  private static List<Double> latencies(
      BenchOptions o, ChunkIndex index, Embedder cached, List<String> questions) {
    HybridRetriever retriever =
        new HybridRetriever(index, cached, o.fusionCandidates(), o.fusion());
    List<Double> ms = new ArrayList<>();
    for (String q : questions) {
      long t0 = System.nanoTime();
      retriever.retrieve(q, 5);
      ms.add(Stats.millis(System.nanoTime() - t0));
    }
    return ms;
  }
}
