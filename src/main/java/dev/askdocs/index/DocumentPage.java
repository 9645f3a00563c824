package dev.askdocs.index;

import java.util.List;

/**
 * One page of a document listing, ordered by source path (bytes of its UTF-8 form) and then id.
 *
 * @param documents at most the page size asked for
 * @param next where the following page starts ({@link ChunkIndex#documents(ChunkFilter, String,
 *     After, int)}'s {@code after}), or null when this is the last page
 * @param total how many documents pass the filter and the query, on every page alike
 */
public record DocumentPage(List<DocumentSummary> documents, After next, int total) {
  public DocumentPage {
    documents = List.copyOf(documents);
  }

  /** The last document of a page: the listing goes on after it. */
  public record After(String source, String id) {
    /** The position right after {@code d}. */
    public static After of(DocumentSummary d) {
      return new After(d.source(), d.id());
    }
  }
}
