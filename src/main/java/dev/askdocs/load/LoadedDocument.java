package dev.askdocs.load;

import java.util.List;

/**
 * The readable text of one file, as a loader extracted it.
 *
 * @param title the document's title: first line, first heading, {@code <title>} or PDF metadata,
 *     else the file name without extension; never blank
 * @param text the visible text; never blank
 * @param pageStarts for paged formats (PDF), the character offset in {@code text} where each page
 *     begins, page 1 first; empty when the format has no pages
 * @param url the web address the document is a copy of (an HTML page's canonical link), an http or
 *     https URL; null when it has none
 */
public record LoadedDocument(String title, String text, List<Integer> pageStarts, String url) {
  public LoadedDocument {
    pageStarts = List.copyOf(pageStarts);
  }

  /** A document that is not a copy of a web page. */
  public LoadedDocument(String title, String text, List<Integer> pageStarts) {
    this(title, text, pageStarts, null);
  }

  /** The 1-based page holding character {@code offset}, or null when the document has no pages. */
  public Integer pageAt(int offset) {
    if (pageStarts.isEmpty()) {
      return null;
    }
    int page = 1;
    for (int i = 0; i < pageStarts.size(); i++) {
      if (pageStarts.get(i) <= offset) {
        page = i + 1;
      } else {
        break;
      }
    }
    return page;
  }
}
