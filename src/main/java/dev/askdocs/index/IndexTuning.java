package dev.askdocs.index;

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
}
