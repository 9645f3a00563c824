package dev.askdocs.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Loads HTML files ({@code .html}, {@code .htm}) as the text a reader would see.
 *
 * <p>Scripts, styles, templates, embedded objects, hidden elements and the {@code <head>} are
 * dropped; block elements become line or paragraph breaks so sentences never run together. Entities
 * are decoded and the result is plain text, never markup: an escaped {@code &lt;img&gt;} in the
 * page is the literal text {@code <img>}. The charset comes from the BOM or {@code <meta>}, else
 * UTF-8. The title is {@code <title>}, else the first {@code <h1>}, else the file name without
 * extension. Each {@code h1}–{@code h6} starts a section with its heading path ({@link Headings}).
 * Pages without visible text are rejected as "no visible text". Stateless and thread-safe.
 */
public final class HtmlLoader implements DocumentLoader {
  /** Content a browser does not render as text, or only renders when the page is broken. */
  private static final String INVISIBLE =
      "script, style, noscript, template, svg, canvas, iframe, object, embed, [hidden],"
          + " [aria-hidden=true]";

  @Override
  public Set<String> extensions() {
    return Set.of("html", "htm");
  }

  @Override
  public LoadedDocument load(Path file) {
    Document page;
    try {
      page = Jsoup.parse(file.toFile(), null);
    } catch (IOException e) {
      throw ReadFailure.of(e);
    }
    String title = title(page, file);
    page.select(INVISIBLE).remove();
    page.select("[style]").stream().filter(HtmlLoader::hiddenByStyle).forEach(Element::remove);
    SectionMarks marks = new SectionMarks();
    Headings.mark(page.body(), marks, h -> true);
    SectionMarks.Stripped stripped = marks.strip(Utf8Text.normalise(HtmlText.of(page.body())));
    String text = stripped.text();
    if (text.isBlank()) {
      throw new DocumentLoadException("no visible text");
    }
    return new LoadedDocument(title, text, List.of(), stripped.sections());
  }

  private static String title(Document page, Path file) {
    String title = Titles.clean(page.title());
    if (title == null) {
      Element h1 = page.selectFirst("h1");
      title = h1 == null ? null : Titles.clean(h1.text());
    }
    return title == null ? Titles.fromFileName(file) : title;
  }

  private static boolean hiddenByStyle(Element element) {
    String style = element.attr("style").replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    return style.contains("display:none") || style.contains("visibility:hidden");
  }
}
