package dev.askdocs.index;

import java.time.Instant;
import java.util.List;

/**
 * A document as the index keeps it: metadata plus its full text, so that citations can be shown in
 * context even after the file changed on disk.
 *
 * @param id stable document id (derived from the source path)
 * @param source path relative to the corpus folder, with '/' separators
 * @param contentHash SHA-256 of the file's bytes, used to skip unchanged files
 * @param pageStarts character offsets where pages begin (PDF), else empty
 * @param chunks number of chunks indexed for it
 * @param collection the collection it belongs to ({@code default} when none is configured)
 * @param url the web page the document is a copy of (a crawled site's page), or null
 */
public record IndexedDocument(
    String id,
    String source,
    String title,
    String text,
    String contentHash,
    List<Integer> pageStarts,
    Instant indexedAt,
    int chunks,
    String collection,
    String url) {

  /** The collection of documents indexed before collections existed, or without one named. */
  public static final String DEFAULT_COLLECTION = "default";

  public IndexedDocument {
    pageStarts = List.copyOf(pageStarts);
    collection = collection == null ? DEFAULT_COLLECTION : collection;
  }

  /** A document of the {@code default} collection that is not a copy of a web page. */
  public IndexedDocument(
      String id,
      String source,
      String title,
      String text,
      String contentHash,
      List<Integer> pageStarts,
      Instant indexedAt,
      int chunks) {
    this(id, source, title, text, contentHash, pageStarts, indexedAt, chunks, null, null);
  }

  /** The same document without its text, for listings. */
  public DocumentSummary summary() {
    return new DocumentSummary(id, source, title, contentHash, indexedAt, chunks, collection, url);
  }
}
