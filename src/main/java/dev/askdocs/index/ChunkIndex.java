package dev.askdocs.index;

import dev.askdocs.chunk.Chunk;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where chunks, their vectors and their documents live. Thread-safe: searches run while the writer
 * upserts and deletes, and the writer may call {@link #upsert}, {@link #delete} and {@link #commit}
 * from several threads at once (an ingest indexes on several threads). Writes of different
 * documents from different threads do not interfere; of two concurrent writes of one document, one
 * wins whole, and which is not defined, so callers keep each document to one thread at a time.
 *
 * <p>Visibility: changes become visible to searches and durable on disk at {@link #commit()}; a
 * document is replaced atomically, so a search sees either all of its old chunks or all of its new
 * ones, never a mix.
 *
 * <p>Writers: one ingest at a time per index, across processes. An ingest run holds the lease of
 * {@link #claimWriter()} while it writes.
 */
public interface ChunkIndex extends AutoCloseable {
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
   * BM25 over chunk text and document title, best first; at most {@code n} hits, all passing {@code
   * filter}.
   */
  List<ChunkHit> keywordSearch(String query, int n, ChunkFilter filter);

  /**
   * Nearest chunks by cosine similarity (approximate, HNSW), best first; at most {@code n}, all
   * passing {@code filter}.
   */
  List<ChunkHit> vectorSearch(float[] vector, int n, ChunkFilter filter);

  /**
   * {@link #keywordSearch} and {@link #vectorSearch} on one snapshot of the index, so that the two
   * lists never show two versions of a document replaced in between. A count of zero skips that
   * search. Both lists go to {@code choose} as candidates, and only the chunks it returns the keys
   * of are read in full: a question's retrieval reads the few chunks it keeps, not every candidate.
   * The query's {@link #keywordStats} come from the same snapshot.
   *
   * @param choose called once, on the calling thread; returns keys of the candidates, in the order
   *     wanted, without repeats
   */
  HybridHits hybridSearch(
      String query,
      int keywordN,
      float[] vector,
      int vectorN,
      ChunkFilter filter,
      Function<HybridCandidates, List<Integer>> choose);

  /** {@link #keywordSearch(String, int, ChunkFilter)} over every chunk. */
  default List<ChunkHit> keywordSearch(String query, int n) {
    return keywordSearch(query, n, ChunkFilter.NONE);
  }

  /** {@link #vectorSearch(float[], int, ChunkFilter)} over every chunk. */
  default List<ChunkHit> vectorSearch(float[] vector, int n) {
    return vectorSearch(vector, n, ChunkFilter.NONE);
  }

  /** Chunk frequencies of the analysed terms of {@code text}, as BM25 sees them. */
  KeywordStats keywordStats(String text);

  /** A document with its text. */
  default Optional<IndexedDocument> document(String documentId) {
    return document(documentId, ChunkFilter.NONE);
  }

  /**
   * A document with its text, if it passes {@code filter} (its collection and source; document ids
   * in the filter are ignored): the lookup itself is filtered, so a document another caller may not
   * read is as absent as one that does not exist.
   */
  Optional<IndexedDocument> document(String documentId, ChunkFilter filter);

  /** All documents, ordered by source path. */
  default List<DocumentSummary> documents() {
    return documents(ChunkFilter.NONE);
  }

  /** The documents that pass {@code filter}, ordered by source path. */
  List<DocumentSummary> documents(ChunkFilter filter);

  /**
   * A page of the documents that pass {@code filter} and match {@code query}, ordered by source
   * path and then id; both the filter and the query run inside the index, so the total counts only
   * what the filter lets through.
   *
   * @param query words of the title (analysed as titles are for search, all required), or part of
   *     the source path (letters in either case); null or blank matches every document
   * @param after where the previous page ended, or null for the first page
   * @param limit the page size, at least 1
   */
  DocumentPage documents(ChunkFilter filter, String query, DocumentPage.After after, int limit);

  /** Counts over the whole index. */
  default IndexStats stats() {
    return stats(ChunkFilter.NONE);
  }

  /** Counts of the documents and chunks that pass {@code filter}. */
  IndexStats stats(ChunkFilter filter);

  /**
   * Copies the index as of its last commit into {@code target} (an empty or new folder), while it
   * is being read and written: what a crash at this moment would have kept. Backends whose data
   * lives elsewhere (SolrCloud) refuse, saying how to back them up.
   *
   * @throws dev.askdocs.AskdocsException when the copy fails or the backend has no file copy
   */
  default void backup(java.nio.file.Path target) {
    throw new dev.askdocs.AskdocsException(
        "this index is not kept in askdocs' own folder: back it up with its own tools");
  }

  /**
   * Claims the right to write this index until the returned lease is closed.
   *
   * @throws IndexLockedException when another process is writing it
   */
  WriteLease claimWriter();

  @Override
  void close();
}
