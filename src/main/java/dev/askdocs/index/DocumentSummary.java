package dev.askdocs.index;

import java.time.Instant;

/**
 * An indexed document's metadata, without its text.
 *
 * @param collection the collection it belongs to
 * @param url the web page it is a copy of, or null
 */
public record DocumentSummary(
    String id,
    String source,
    String title,
    String contentHash,
    Instant indexedAt,
    int chunks,
    String collection,
    String url) {

  /** A document of {@code default} that is not a copy of a web page. */
  public DocumentSummary(
      String id, String source, String title, String contentHash, Instant indexedAt, int chunks) {
    this(
        id,
        source,
        title,
        contentHash,
        indexedAt,
        chunks,
        IndexedDocument.DEFAULT_COLLECTION,
        null);
  }
}
