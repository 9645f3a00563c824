package dev.askdocs.index;

import dev.askdocs.chunk.Chunk;
import java.util.List;

/**
 * The writing role of a {@link ChunkIndex}: what an ingest needs. Thread-safe: the writer may call
 * {@link #upsert}, {@link #delete} and {@link #commit} from several threads at once (an ingest
 * indexes on several threads). Writes of different documents from different threads do not
 * interfere; of two concurrent writes of one document, one wins whole, and which is not defined, so
 * callers keep each document to one thread at a time.
 *
 * <p>Visibility: changes become visible to searches and durable on disk at {@link #commit()}; a
 * document is replaced atomically, so a search sees either all of its old chunks or all of its new
 * ones, never a mix.
 *
 * <p>Writers: one ingest at a time per index, across processes. An ingest run holds the lease of
 * {@link #claimWriter()} while it writes.
 */
public interface ChunkWriter {
  /**
   * Replaces everything stored for {@code document.id()} by this document and its chunks. May be
   * called from several threads at once.
   *
   * @param vectors one unit vector per chunk, in the same order
   */
  void upsert(IndexedDocument document, List<Chunk> chunks, List<float[]> vectors);

  /** Removes a document and its chunks; a no-op for an unknown id. */
  void delete(String documentId);

  /** Makes all changes so far durable and visible to searches. */
  void commit();

  /**
   * Claims the right to write this index until the returned lease is closed.
   *
   * @throws IndexLockedException when another process is writing it
   */
  WriteLease claimWriter();

  /**
   * The check every backend's {@link #upsert} makes before it writes anything.
   *
   * @throws IllegalArgumentException unless there is one vector of {@code dimension} per chunk
   */
  static void requireVectors(List<Chunk> chunks, List<float[]> vectors, int dimension) {
    if (chunks.size() != vectors.size()) {
      throw new IllegalArgumentException(chunks.size() + " chunks but " + vectors.size());
    }
    for (float[] v : vectors) {
      if (v.length != dimension) {
        throw new IllegalArgumentException("vector of " + v.length + " dimensions");
      }
    }
  }
}
