package dev.askdocs.load;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Pages without visible text are rejected as "no visible text". The document's URL is the page's
 * {@code <link rel="canonical">}, else its {@code <meta property="og:url">}, when that is an
 * absolute http or https URL (a crawled site's mirror writes the canonical link); else none.
 * Stateless and thread-safe.
 */
public final class HtmlLoader implements DocumentLoader {
  /** Content a browser does not render as text, or only renders when the page is broken. */
  private static final String INVISIBLE =
      "script, style, noscript, template, svg, canvas, iframe, object, embed, [hidden],"
          + " [aria-hidden=true]";

  private static final int MAX_URL_LENGTH = 2048;

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
    String url = url(page);
    page.select(INVISIBLE).remove();
    page.select("[style]").stream().filter(HtmlLoader::hiddenByStyle).forEach(Element::remove);
    SectionMarks marks = new SectionMarks();
    Headings.mark(page.body(), marks, h -> true);
    SectionMarks.Stripped stripped = marks.strip(Utf8Text.normalise(HtmlText.of(page.body())));
    String text = stripped.text();
    if (text.isBlank()) {
      throw new DocumentLoadException("no visible text");
    }
    return new LoadedDocument(title, text, List.of(), stripped.sections(), url);
  }

  /** The first canonical link or og:url that is an absolute http(s) URL, or null. */
  static String url(Document page) {
    // The canonical link first, wherever it stands: it is what the page says it is.
    List<Element> candidates = new ArrayList<>(page.select("link[rel~=(?i)^canonical$][href]"));
    candidates.addAll(page.select("meta[property=og:url][content]"));
    for (Element e : candidates) {
      String href = (e.hasAttr("href") ? e.attr("href") : e.attr("content")).strip();
      if (href.length() > MAX_URL_LENGTH) {
        continue;
      }
      try {
        URI uri = new URI(href);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
          return uri.toString();
        }
      } catch (URISyntaxException ex) {
        // Not a URL a browser could open: look at the next candidate.
      }
    }
    return null;
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
