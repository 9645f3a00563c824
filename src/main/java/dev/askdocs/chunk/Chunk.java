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
 */
public record Chunk(
    String id, String documentId, int ordinal, String text, int start, int end, Integer page) {

  public static String idOf(String documentId, int ordinal) {
    return documentId + "#" + ordinal;
  }
}
