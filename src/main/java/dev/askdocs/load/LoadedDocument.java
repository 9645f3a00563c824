package dev.askdocs.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The readable text of one file, as a loader extracted it.
 *
 * @param title the document's title: first line, first heading, {@code <title>} or PDF metadata,
 *     else the file name without extension; never blank
 * @param text the visible text; never blank
 * @param pageStarts for paged formats (PDF), the character offset in {@code text} where each page
 *     begins, page 1 first; empty when the format has no pages
 * @param sections the document's structure (slides, sheet rows, heading paths) in order of {@code
 *     start}; empty when the format has none or the loader does not read it
 * @param url the web address the document is a copy of (an HTML page's canonical link), an http or
 *     https URL; null when it has none
 */
public record LoadedDocument(
    String title, String text, List<Integer> pageStarts, List<Section> sections, String url) {
  public LoadedDocument {
    pageStarts = List.copyOf(pageStarts);
    List<Section> sorted = new ArrayList<>(sections);
    sorted.sort(Comparator.comparingInt(Section::start));
    sections = List.copyOf(sorted);
  }

  /** A document without sections that is not a copy of a web page. */
  public LoadedDocument(String title, String text, List<Integer> pageStarts) {
    this(title, text, pageStarts, List.of(), null);
  }

  /** A document with sections that is not a copy of a web page. */
  public LoadedDocument(
      String title, String text, List<Integer> pageStarts, List<Section> sections) {
    this(title, text, pageStarts, sections, null);
  }

  /** A document without sections: a copy of the web page at {@code url}, or of none when null. */
  public LoadedDocument(String title, String text, List<Integer> pageStarts, String url) {
    this(title, text, pageStarts, List.of(), url);
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

  /**
   * Where the text from {@code start} to {@code end} stands, as a reader would look for it: the
   * section holding {@code start} ({@code "slide 4"}, {@code "Leave › Parental leave"}), or when
   * {@code start} comes before every section, the first section beginning before {@code end}; for
   * table rows with the range of rows up to {@code end} ({@code "Sheet Revenue, rows 12-18"}); else
   * {@code "p. N"} for a paged document; else null.
   */
  public String locationOf(int start, int end) {
    int at = sectionIndexAt(start);
    if (at < 0 && !sections.isEmpty() && sections.get(0).start() < end) {
      at = 0;
    }
    if (at >= 0) {
      int last = sectionIndexAt(Math.max(start, end - 1));
      return sections.get(at).locationTo(last < 0 ? null : sections.get(last));
    }
    Integer page = pageAt(start);
    return page == null ? null : "p. " + page;
  }

  /** The offsets where a slide, sheet or top-level section begins: chunks do not cross them. */
  public List<Integer> hardBoundaries() {
    return sections.stream().filter(Section::hard).map(Section::start).distinct().toList();
  }

  /** The last section starting at or before {@code offset}, by binary search; -1 if none. */
  private int sectionIndexAt(int offset) {
    int lo = 0;
    int hi = sections.size() - 1;
    int at = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (sections.get(mid).start() <= offset) {
        at = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return at;
  }
}
