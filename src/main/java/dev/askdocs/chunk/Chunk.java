package dev.askdocs.chunk;

/**
 * A passage of a document: the unit that is embedded, indexed and retrieved.
 *
 * @param id {@code documentId + "#" + ordinal}; stable while the document's text is unchanged
 * @param documentId the document it belongs to
 * @param ordinal position among the document's chunks, from 0
 * @param text exactly {@code documentText.substring(start, end)}
 * @param start character offset of the chunk in the document text
 * @param end character offset just after the chunk
 * @param page 1-based page where the chunk starts, or null when the document has no pages
 * @param location where the chunk starts as a reader would look for it ({@code "slide 4"}, {@code
 *     "Leave › Parental leave"}, {@code "p. 3"}), for table rows the rows it covers ({@code "Sheet
 *     Revenue, rows 12-18"}); null when the document has no structure, or the index predates it
 */
public record Chunk(
    String id,
    String documentId,
    int ordinal,
    String text,
    int start,
    int end,
    Integer page,
    String location) {

  /** A chunk without a location. */
  public Chunk(
      String id, String documentId, int ordinal, String text, int start, int end, Integer page) {
    this(id, documentId, ordinal, text, start, end, page, null);
  }

  public static String idOf(String documentId, int ordinal) {
    return documentId + "#" + ordinal;
  }
}
