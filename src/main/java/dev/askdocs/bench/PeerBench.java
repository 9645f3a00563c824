package dev.askdocs.bench;

import dev.askdocs.config.EmbeddingModelName;
import dev.askdocs.embed.Embedder;
import dev.askdocs.index.lucene.LuceneChunkIndex;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.retrieve.HybridRetriever;
import dev.askdocs.retrieve.RetrievalMode;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.loader.FileSystemDocumentLoader;
import dev.langchain4j.data.document.parser.TextDocumentParser;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The obvious alternative, measured beside askdocs in the same run: LangChain4j's naive pipeline
 * ({@code DocumentSplitters.recursive(300, 0)}, {@code InMemoryEmbeddingStore}, {@code
 * EmbeddingStoreContentRetriever} with the stock all-MiniLM-L6-v2 model), on the same documents for
 * ingest and on the same tier's chunks and vectors for queries and memory.
 */
final class PeerBench {
  private static final Logger LOG = LoggerFactory.getLogger(PeerBench.class);

  private PeerBench() {}

  static void ingest(BenchOptions o, BeirCorpus corpus, Embedder ours, Results out) {
    Path files = corpus.writeFiles(o.workDir().resolve("ingest-corpus"), o.ingestDocuments());
    EmbeddingModel stock = stockModel(o.model());
    DocumentSplitter splitter = DocumentSplitters.recursive(300, 0);
    List<Double> peerSeconds = new ArrayList<>();
    List<Double> oursSeconds = new ArrayList<>();
    int segments = 0;
    int chunks = 0;
    for (int round = 0; round < o.rounds(); round++) {
      boolean peerFirst = round % 2 == 0;
      if (!peerFirst) {
        chunks = ingestOurs(o, files, ours, oursSeconds);
      }
      long t0 = System.nanoTime();
      InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
      List<Document> docs = FileSystemDocumentLoader.loadDocuments(files, new TextDocumentParser());
      EmbeddingStoreIngestor.builder()
          .documentSplitter(splitter)
          .embeddingModel(stock)
          .embeddingStore(store)
          .build()
          .ingest(docs);
      peerSeconds.add((System.nanoTime() - t0) / 1e9);
      segments = splitter.splitAll(docs).size();
      if (peerFirst) {
        chunks = ingestOurs(o, files, ours, oursSeconds);
      }
      LOG.info(
          "bench peer ingest: round {}: LangChain4j {} s, askdocs {} s",
          round + 1,
          String.format("%.1f", peerSeconds.get(round)),
          String.format("%.1f", oursSeconds.get(round)));
    }
    out.put("peer.ingest.documents", o.ingestDocuments());
    out.put("peer.ingest.segments", segments);
    out.put("peer.ingest.seconds", Stats.median(peerSeconds));
    out.put("peer.ingest.askdocsChunks", chunks);
    out.put("peer.ingest.askdocsSeconds", Stats.median(oursSeconds));
    out.put("peer.ingest.speedup", Stats.median(peerSeconds) / Stats.median(oursSeconds));
  }

  private static int ingestOurs(BenchOptions o, Path files, Embedder ours, List<Double> seconds) {
    IngestReport r =
        IngestBench.ingest(o, files, ours, o.workDir().resolve("peer-askdocs-index"), true);
    seconds.add(r.durationMs() / 1000.0);
    return r.chunksEmbedded();
  }

  /** Query latency and memory on the chunks and vectors of {@code tier}. */
  static void query(BenchOptions o, Tier tier, List<String> questions, Embedder ours, Results out) {
    String p = "peer." + BenchOptions.label(tier.target()) + ".";
    EmbeddingModel stock = stockModel(o.model());
    List<String> asked = questions.subList(0, Math.min(o.questions(200, 10), questions.size()));

    double before = heapUsedMb();
    InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
    List<Double> askdocs = new ArrayList<>();
    try (LuceneChunkIndex index =
        LuceneChunkIndex.openReadOnly(tier.index(), ours.modelName(), ours.dimension())) {
      List<Embedding> embeddings = new ArrayList<>();
      List<TextSegment> segments = new ArrayList<>();
      index.forEachChunk(
          (hit, vector) -> {
            embeddings.add(Embedding.from(vector));
            segments.add(TextSegment.from(hit.chunk().text()));
          });
      store.addAll(
          embeddings.stream()
              .map(e -> "")
              .map(x -> java.util.UUID.randomUUID().toString())
              .toList(),
          embeddings,
          segments);
      embeddings.clear();
      segments.clear();
      out.put(p + "chunks", tier.chunks());
      out.put(p + "heapMb", heapUsedMb() - before);

      HybridRetriever retriever =
          new HybridRetriever(index, ours, o.fusionCandidates(), o.fusion());
      for (String q : asked.subList(0, Math.min(5, asked.size()))) {
        retriever.retrieve(q, 5, RetrievalMode.HYBRID); // warm up
      }
      for (String q : asked) {
        long t0 = System.nanoTime();
        retriever.retrieve(q, 5, RetrievalMode.HYBRID);
        askdocs.add(Stats.millis(System.nanoTime() - t0));
      }
    }
    ContentRetriever peer =
        EmbeddingStoreContentRetriever.builder()
            .embeddingStore(store)
            .embeddingModel(stock)
            .maxResults(5)
            .build();
    List<Double> latencies = new ArrayList<>();
    for (String q : asked.subList(0, Math.min(5, asked.size()))) {
      peer.retrieve(Query.from(q)); // warm up
    }
    for (String q : asked) {
      long t0 = System.nanoTime();
      peer.retrieve(Query.from(q));
      latencies.add(Stats.millis(System.nanoTime() - t0));
    }
    out.put(p + "queryP50Ms", Stats.median(latencies));
    out.put(p + "queryP99Ms", Stats.percentile(latencies, 99));
    out.put(p + "askdocsRetrieveP50Ms", Stats.median(askdocs));
    out.put(p + "askdocsRetrieveP99Ms", Stats.percentile(askdocs, 99));
    out.put(p + "speedup", Stats.median(latencies) / Stats.median(askdocs));
  }

  private static EmbeddingModel stockModel(EmbeddingModelName name) {
    return name == EmbeddingModelName.ALL_MINILM_L6_V2_Q
        ? new AllMiniLmL6V2QuantizedEmbeddingModel()
        : new AllMiniLmL6V2EmbeddingModel();
  }

  /** Heap in use after a full collection (as far as {@code System.gc} promises one). */
  static double heapUsedMb() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
  }
}
