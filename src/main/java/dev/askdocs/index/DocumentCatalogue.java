package dev.askdocs.index;

import java.util.List;
import java.util.Optional;

/**
 * The documents of a {@link ChunkIndex} and their counts, as last committed: what listings, the
 * document view and the statistics need. Thread-safe.
 */
public interface DocumentCatalogue {
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
}
