package dev.askdocs.index;

import java.time.Instant;

/**
 * An indexed document's metadata, without its text.
 *
 * @param url the web page the document is a copy of (a crawled site's page), or null
 */
public record DocumentSummary(
    String id,
    String source,
    String title,
    String contentHash,
    Instant indexedAt,
    int chunks,
    String url) {

  /** A document that is not a copy of a web page. */
  public DocumentSummary(
      String id, String source, String title, String contentHash, Instant indexedAt, int chunks) {
    this(id, source, title, contentHash, indexedAt, chunks, null);
  }
}
