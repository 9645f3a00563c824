package dev.askdocs.answer;

/**
 * One numbered source of an answer: the exact sentence(s) quoted and where they stand.
 *
 * @param n the number used in the answer text as {@code [n]}, from 1
 * @param source path relative to the corpus folder
 * @param quote exactly {@code documentText.substring(start, end)}; for a written (LLM) answer, the
 *     sentence of the cited passage closest to the claims that cite it
 * @param page 1-based page of the quote, or null when the document has no pages
 * @param score the answerer's confidence in this sentence, 0 to 1; for a written answer, how well
 *     the passage supports the claims that cite it
 * @param supported false when a claim citing this source is not supported by it (see {@link
 *     Answer#unsupportedClaims()}); always true for quotes
 * @param location where the cited passage stands as a reader would look for it: {@code "p. 3"},
 *     {@code "slide 4"}, {@code "Sheet Revenue, rows 12-18"}, {@code "Leave › Parental leave"}; for
 *     a paged document at least its page; null when the document has no structure (plain text, or
 *     an index built before locations were kept, where only PDF pages are known)
 * @param url the web page the cited document is a copy of (an http or https URL), or null for a
 *     file
 */
public record Citation(
    int n,
    String documentId,
    String title,
    String source,
    String chunkId,
    String quote,
    int start,
    int end,
    Integer page,
    double score,
    boolean supported,
    String location,
    String url) {

  /** A source that is not a copy of a web page. */
  public Citation(
      int n,
      String documentId,
      String title,
      String source,
      String chunkId,
      String quote,
      int start,
      int end,
      Integer page,
      double score,
      boolean supported,
      String location) {
    this(
        n,
        documentId,
        title,
        source,
        chunkId,
        quote,
        start,
        end,
        page,
        score,
        supported,
        location,
        null);
  }

  /** A source whose location is only its page, if it has one. */
  public Citation(
      int n,
      String documentId,
      String title,
      String source,
      String chunkId,
      String quote,
      int start,
      int end,
      Integer page,
      double score,
      boolean supported) {
    this(
        n,
        documentId,
        title,
        source,
        chunkId,
        quote,
        start,
        end,
        page,
        score,
        supported,
        locationOf(page, null));
  }

  /** A quoted source, supported by definition. */
  public Citation(
      int n,
      String documentId,
      String title,
      String source,
      String chunkId,
      String quote,
      int start,
      int end,
      Integer page,
      double score) {
    this(n, documentId, title, source, chunkId, quote, start, end, page, score, true);
  }

  /**
   * The location to show for a passage: the one it was indexed with, else {@code "p. N"} from its
   * page, else null.
   */
  public static String locationOf(Integer page, String location) {
    if (location != null) {
      return location;
    }
    return page == null ? null : "p. " + page;
  }
}
