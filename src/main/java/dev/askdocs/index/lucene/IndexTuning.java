package dev.askdocs.index.lucene;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.IndexWriterConfig;

/**
 * How the Lucene index trades memory, build time and recall. The defaults suit most corpora;
 * docs/BENCHMARKS.md has the measurements behind them.
 *
 * @param quantizedVectors keep the HNSW graph's vectors as 7-bit integers besides the floats
 *     (Lucene's scalar-quantized HNSW): a quarter of the memory to search, at some recall
 * @param mergeWorkers threads that build an HNSW graph together when segments merge
 * @param ramBufferMb indexing buffer; larger buffers flush fewer, larger segments to merge later
 */
public record IndexTuning(boolean quantizedVectors, int mergeWorkers, int ramBufferMb) {
  public IndexTuning {
    if (mergeWorkers < 1 || ramBufferMb < 1) {
      throw new IllegalArgumentException("mergeWorkers and ramBufferMb must be positive");
    }
  }

  /** Float vectors, one merge worker per core, a 64 MB buffer. */
  public static IndexTuning defaults() {
    return new IndexTuning(false, Runtime.getRuntime().availableProcessors(), 64);
  }

  public IndexTuning withQuantizedVectors(boolean value) {
    return new IndexTuning(value, mergeWorkers, ramBufferMb);
  }

  public IndexTuning withRamBufferMb(int value) {
    return new IndexTuning(quantizedVectors, mergeWorkers, value);
  }

  /** Threads for HNSW merges, to be shut down with the writer. */
  ExecutorService mergeWorkerPool() {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(
        mergeWorkers,
        r -> {
          Thread t = new Thread(r, "hnsw-merge-" + count.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Sets the buffer and the vector format of new segments. Each segment records its own format, so
   * an index written with one setting stays readable with the other; merges rewrite into the
   * current one.
   */
  void applyTo(IndexWriterConfig cfg, ExecutorService merges) {
    cfg.setRAMBufferSizeMB(ramBufferMb);
    int m = Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN;
    int beam = Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH;
    ExecutorService exec = mergeWorkers > 1 ? merges : null;
    KnnVectorsFormat vectors =
        quantizedVectors
            ? new Lucene99HnswScalarQuantizedVectorsFormat(
                m, beam, mergeWorkers, 7, false, null, exec)
            : new Lucene99HnswVectorsFormat(m, beam, mergeWorkers, exec);
    cfg.setCodec(
        new Lucene912Codec() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return vectors;
          }
        });
  }
}
