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
 * @param vectorBeam candidates an HNSW search gathers before the nearest are kept: {@link
 *     #AUTOMATIC_BEAM} for {@link #searchCandidates}' rule, scaled with the index size; otherwise
 *     this many (never fewer than asked for)
 */
public record IndexTuning(
    boolean quantizedVectors, int mergeWorkers, int ramBufferMb, int vectorBeam) {
  /** {@link #vectorBeam} chosen by the index size. */
  public static final int AUTOMATIC_BEAM = 0;

  /**
   * Vectors per step of the automatic beam: up to this many, a search gathers exactly the
   * candidates asked for (recall@10 was 0.995 at 10k and 0.979 at 100k with 50); each further step
   * adds as many again. docs/BENCHMARKS.md ("run R2-M") has the measurements behind it.
   */
  static final int VECTORS_PER_STEP = 200_000;

  /** The automatic beam's ceiling, in multiples of the candidates asked for. */
  static final int MAX_STEPS = 8;

  public IndexTuning {
    if (mergeWorkers < 1 || ramBufferMb < 1) {
      throw new IllegalArgumentException("mergeWorkers and ramBufferMb must be positive");
    }
    if (vectorBeam < 0) {
      throw new IllegalArgumentException("vectorBeam must be 0 (automatic) or positive");
    }
  }

  /** Float vectors, one merge worker per core, a 64 MB buffer, the automatic search beam. */
  public static IndexTuning defaults() {
    return new IndexTuning(false, Runtime.getRuntime().availableProcessors(), 64, AUTOMATIC_BEAM);
  }

  public IndexTuning withQuantizedVectors(boolean value) {
    return new IndexTuning(value, mergeWorkers, ramBufferMb, vectorBeam);
  }

  public IndexTuning withRamBufferMb(int value) {
    return new IndexTuning(quantizedVectors, mergeWorkers, value, vectorBeam);
  }

  public IndexTuning withVectorBeam(int value) {
    return new IndexTuning(quantizedVectors, mergeWorkers, ramBufferMb, value);
  }

  /**
   * How many candidates an HNSW search over {@code vectors} vectors gathers when {@code n} nearest
   * are asked for. Lucene searches each segment's graph with a beam as wide as the candidates it is
   * asked for, so a graph search finds its true nearest less often as the index grows; the
   * automatic rule widens the beam by one {@code n} per {@link #VECTORS_PER_STEP} vectors beyond
   * the first step, at most {@link #MAX_STEPS} times {@code n}. Never fewer than {@code n}.
   */
  public int searchCandidates(int n, long vectors) {
    if (vectorBeam != AUTOMATIC_BEAM) {
      return Math.max(n, vectorBeam);
    }
    long steps = Math.max(1, (vectors + VECTORS_PER_STEP - 1) / VECTORS_PER_STEP);
    return (int) Math.min((long) n * Math.min(steps, MAX_STEPS), Integer.MAX_VALUE);
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
