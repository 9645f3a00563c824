package dev.askdocs.bench;

import dev.askdocs.chunk.Chunker;
import dev.askdocs.chunk.Span;
import dev.askdocs.embed.Embedder;
import dev.askdocs.embed.LuceneVectorCache;
import dev.askdocs.embed.ModelInfo;
import dev.askdocs.embed.OnnxMiniLmEmbedder;
import dev.askdocs.embed.SpanVectors;
import dev.askdocs.index.lucene.LuceneChunkIndex;
import dev.askdocs.ingest.IngestReport;
import dev.askdocs.ingest.Ingestor;
import dev.askdocs.load.DocumentLoaders;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A full ingest of real documents (load, chunk, embed, index, commit) against the model alone on
 * exactly the same chunk texts in the same batches, in alternating rounds: how close the pipeline
 * comes to the model's own speed.
 */
final class IngestBench {
  private static final Logger LOG = LoggerFactory.getLogger(IngestBench.class);

  /** Sentences per model call when measuring their cost, as many as chunks per ingest batch. */
  private static final int SENTENCE_BATCH = 64;

  private IngestBench() {}

  static void run(BenchOptions o, BeirCorpus corpus, OnnxMiniLmEmbedder embedder, Results out) {
    Path files = corpus.writeFiles(o.workDir().resolve("ingest-corpus"), o.ingestDocuments());
    List<Double> pipeline = new ArrayList<>();
    List<Double> model = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    List<Double> chunksOnly = new ArrayList<>();
    IngestReport report = null;
    List<List<String>> batches = List.of();
    // An untimed ingest of a few documents first, so that round one does not pay for class
    // loading and the JIT while the model replay, which comes after it, does not.
    Path warm =
        corpus.writeFiles(o.workDir().resolve("ingest-warm-up"), Math.min(20, o.ingestDocuments()));
    ingest(o, warm, embedder, o.workDir().resolve("ingest-index"), true);
    for (int round = 0; round < o.rounds(); round++) {
      // Alternate which goes first, so that neither always meets a warmer or quieter machine.
      boolean modelFirst = round % 2 == 1;
      if (modelFirst && !batches.isEmpty()) {
        model.add(report.chunksEmbedded() / replay(embedder, batches));
      }
      Recording recording = new Recording(embedder);
      report = ingest(o, files, recording, o.workDir().resolve("ingest-index"), true);
      pipeline.add(report.chunksEmbedded() / (report.durationMs() / 1000.0));
      seconds.add(report.durationMs() / 1000.0);
      batches = recording.batches;
      if (!modelFirst || model.size() < pipeline.size()) {
        model.add(report.chunksEmbedded() / replay(embedder, batches));
      }
      // The same ingest without the answerer's sentence vectors: what they cost.
      IngestReport bare = ingest(o, files, embedder, o.workDir().resolve("ingest-index"), false);
      chunksOnly.add(bare.chunksEmbedded() / (bare.durationMs() / 1000.0));
      LOG.info(
          "bench ingest: round {}: pipeline {} chunks/s, model on the same texts {} chunks/s,"
              + " pipeline without sentence vectors {} chunks/s",
          round + 1,
          String.format("%.1f", pipeline.get(round)),
          String.format("%.1f", model.get(round)),
          String.format("%.1f", chunksOnly.get(round)));
    }
    int texts = batches.stream().mapToInt(List::size).sum();
    out.put("ingest.documents", report.added());
    out.put("ingest.chunks", report.chunksEmbedded());
    out.put("ingest.textsEmbedded", texts);
    out.put("ingest.seconds", Stats.median(seconds));
    out.put("ingest.pipelineChunksPerSec", Stats.median(pipeline));
    out.put("ingest.modelChunksPerSec", Stats.median(model));
    out.put("ingest.pipelineToModel", Stats.median(pipeline) / Stats.median(model));
    out.put("ingest.noSentenceVectors.pipelineChunksPerSec", Stats.median(chunksOnly));
    out.put("ingest.sentenceVectorsSlowdown", Stats.median(chunksOnly) / Stats.median(pipeline));
  }

  /** One ingest of {@code files} into a fresh index at {@code indexDir}. */
  static IngestReport ingest(
      BenchOptions o, Path files, Embedder embedder, Path indexDir, boolean sentenceVectors) {
    Files2.deleteRecursively(indexDir);
    try (LuceneChunkIndex index =
            LuceneChunkIndex.open(indexDir, embedder.modelName(), embedder.dimension());
        LuceneVectorCache sentences =
            sentenceVectors
                ? LuceneVectorCache.open(
                    indexDir.resolve(LuceneVectorCache.FOLDER),
                    embedder.modelName(),
                    embedder.dimension())
                : null) {
      Chunker chunker = new Chunker(embedder::countTokens, embedder.maxTokens(), o.chunkOverlap());
      return new Ingestor(
              DocumentLoaders.standard(),
              chunker,
              embedder,
              index,
              index,
              Clock.systemUTC(),
              o.titleInEmbedding(),
              sentences,
              o.pooledSentenceVectors(),
              Ingestor.DEFAULT_INDEXERS,
              0)
          .ingest(files);
    }
  }

  /** Seconds the model alone takes over {@code batches}, one call per batch. */
  private static double replay(Embedder embedder, List<List<String>> batches) {
    long t0 = System.nanoTime();
    for (List<String> batch : batches) {
      embedder.embedAll(batch);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Passes calls through and keeps the texts of every {@code embedAll} call. */
  private static final class Recording implements Embedder {
    final Embedder delegate;
    final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());

    Recording(Embedder delegate) {
      this.delegate = delegate;
    }

    @Override
    public ModelInfo model() {
      return delegate.model();
    }

    @Override
    public int countTokens(String text) {
      return delegate.countTokens(text);
    }

    @Override
    public float[] embed(String text) {
      return delegate.embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      batches.add(List.copyOf(texts));
      return delegate.embedAll(texts);
    }

    /** Replayed as the texts alone: the spans' pooling is a small share of a run. */
    @Override
    public List<SpanVectors> embedAllWithSpans(List<String> texts, List<List<Span>> spans) {
      batches.add(List.copyOf(texts));
      return delegate.embedAllWithSpans(texts, spans);
    }

    @Override
    public void close() {
      // The delegate belongs to the caller.
    }
  }
}
