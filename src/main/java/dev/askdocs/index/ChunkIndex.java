package dev.askdocs.index;

/**
 * Where chunks, their vectors and their documents live: one backend (Lucene in a folder, a
 * SolrCloud collection) in all three roles. Consumers take the narrowest role they use: an ingest
 * the {@link ChunkWriter} (and the {@link DocumentCatalogue}, to compare), retrieval the {@link
 * ChunkSearcher}, listings the {@link DocumentCatalogue}. Thread-safe, as each role says.
 */
public interface ChunkIndex extends ChunkWriter, ChunkSearcher, DocumentCatalogue, AutoCloseable {
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

  @Override
  void close();
}
